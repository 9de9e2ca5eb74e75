package io.mailoo.support.http;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.mailoo.contracts.json.EventCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the requests a service holds at once ({@code mailoo.http.max-in-flight}, env {@code HTTP_MAX_IN_FLIGHT}): one
 * more is answered at once with 503 SERVICE_BUSY and Retry-After, before anything reads its body or touches the
 * database. Without a bound a service takes every request that arrives; each one held costs about 40 KB of heap, so
 * a few hundred fill a domain service's 64 MB heap (docs/service-conventions.md, Overload). A quick refusal tells a
 * client to come back instead. The management routes ({@code /q/}: health, metrics) are never counted or refused, so
 * probes see the service as it is.
 */
@ApplicationScoped
public class InFlightLimitFilter {

    static final String CODE = "SERVICE_BUSY";
    static final int STATUS = 503;
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = Logger.getLogger(InFlightLimitFilter.class);
    /** Before the body size check, which only looks at a header: a refused request costs no more than this. */
    private static final int FIRST = -1100;
    private static final int WARNING_INTERVAL_SECONDS = 10;
    private static final EveryFewSeconds WARNINGS = new EveryFewSeconds(WARNING_INTERVAL_SECONDS);

    @ConfigProperty(name = "mailoo.http.max-in-flight", defaultValue = "256")
    int maxInFlight;

    private final AtomicInteger inFlight = new AtomicInteger();

    void install(@Observes Router router) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("mailoo.http.max-in-flight (HTTP_MAX_IN_FLIGHT) must be at least 1, not "
                    + maxInFlight);
        }
        byte[] problem = EventCodec.encode(Problem.of(STATUS, CODE, "Service busy", "The service holds as many "
                + "requests as it takes at once; nothing was done. Retry after Retry-After.", null));
        router.route().order(FIRST).handler(ctx -> admit(ctx, problem));
    }

    private void admit(RoutingContext ctx, byte[] problem) {
        if (ctx.normalizedPath().startsWith("/q/")) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            WARNINGS.event(skipped -> LOG.warnf("Answering 503 %s: %d requests in flight (%d more such answers in the "
                    + "%d s before, not logged one by one)", CODE, maxInFlight, skipped, WARNING_INTERVAL_SECONDS));
            ctx.response().setStatusCode(STATUS).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).end(Buffer.buffer(problem));
            return;
        }
        // called once when the response is done or the connection went away, whichever comes first
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }

    /** Requests held now. */
    public int inFlight() {
        return inFlight.get();
    }
}
