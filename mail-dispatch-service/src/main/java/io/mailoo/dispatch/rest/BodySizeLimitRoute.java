package io.mailoo.dispatch.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.validation.BodySizeLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The operator API takes no bodies, hence a small {@code quarkus.http.limits.max-body-size}; a request announcing
 * more is refused before it is read with problem+json REQUEST_TOO_LARGE ({@link BodySizeLimit}), not Vert.x's bare
 * 413. (This service has no service-support, whose BodySizeLimitFilter does this for the domain services.)
 */
@ApplicationScoped
public class BodySizeLimitRoute {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        Problem problem = Problem.of(BodySizeLimit.STATUS, BodySizeLimit.CODE, BodySizeLimit.TITLE,
                BodySizeLimit.detail(limit));
        byte[] body = EventCodec.encode(problem);
        router.route().order(-1000).handler(ctx -> {
            if (!BodySizeLimit.exceeded(ctx.request().getHeader("Content-Length"), limit)) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Connection", "close").putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .setStatusCode(problem.status()).end(Buffer.buffer(body));
        });
    }
}
