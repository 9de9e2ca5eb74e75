package io.mailoo.support.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.json.EventCodec;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Vert.x answers a body over {@code quarkus.http.limits.max-body-size} with a bare 413. Requests that announce
 * their size (Content-Length, as integrator HTTP clients do) are refused here first, as problem+json with
 * PAYLOAD_TOO_LARGE, before any byte of the body is read; chunked uploads still meet Vert.x's own limit.
 */
@ApplicationScoped
public class BodySizeLimitFilter {

    private static final int BEFORE_EVERYTHING = -1000;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        byte[] problem = EventCodec.encode(Problem.of(413, "PAYLOAD_TOO_LARGE", "Content Too Large",
                "The request body is larger than " + limit + " bytes.", null));
        router.route().order(BEFORE_EVERYTHING).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length, limit)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(io.vertx.core.buffer.Buffer.buffer(problem));
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
