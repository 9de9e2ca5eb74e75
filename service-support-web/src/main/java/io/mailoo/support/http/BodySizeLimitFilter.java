package io.mailoo.support.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.validation.BodySizeLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * Vert.x answers a body over {@code quarkus.http.limits.max-body-size} with a bare 413. Requests that announce
 * their size (Content-Length, as integrator HTTP clients do and as the gateway always forwards them) are refused
 * here first, as problem+json REQUEST_TOO_LARGE ({@link BodySizeLimit}); chunked uploads straight to a service still
 * meet Vert.x's own limit.
 */
@ApplicationScoped
public class BodySizeLimitFilter {

    private static final int BEFORE_EVERYTHING = -1000;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        byte[] problem = EventCodec.encode(Problem.of(BodySizeLimit.STATUS, BodySizeLimit.CODE, BodySizeLimit.TITLE,
                BodySizeLimit.detail(limit), null));
        router.route().order(BEFORE_EVERYTHING).handler(ctx -> {
            if (BodySizeLimit.exceeded(ctx.request().getHeader("Content-Length"), limit)) {
                ctx.response().setStatusCode(BodySizeLimit.STATUS).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(Buffer.buffer(problem));
                return;
            }
            ctx.next();
        });
    }
}
