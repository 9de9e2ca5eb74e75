package io.mailoo.support.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A consumer's database work, retried with backoff (about a minute in all) so a short PostgreSQL outage does not
 * drop a projection update or a mail status; after that the record is logged and left (the channel must not stop).
 */
public final class DatabaseRetry {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 8;

    private DatabaseRetry() {
    }

    public static Uni<Void> inTransaction(Supplier<Uni<?>> work, Logger log, String what) {
        Context context = Vertx.currentContext();
        Uni<?> attempt = Uni.createFrom().deferred(() -> Panache.withTransaction(work::get));
        if (context != null) {
            // A retry is resubscribed from Mutiny's timer thread; Hibernate Reactive must run on the consumer's context.
            attempt = attempt.runSubscriptionOn(task -> context.runOnContext(v -> task.run()));
        }
        return retried(attempt, log, what).replaceWithVoid();
    }

    /**
     * The same policy for work that is not a Hibernate transaction (a statement through the SQL client): the
     * attempt is subscribed again on failure, so it must be lazy (a {@code preparedQuery(…).execute(…)} Uni is).
     */
    public static <T> Uni<T> retried(Uni<T> attempt, Logger log, String what) {
        AtomicInteger failures = new AtomicInteger();
        // each failed attempt is logged, so an outage shows while it lasts, not only once the record is given up
        return attempt.onFailure().invoke(f -> log.warnf("Applying %s failed (attempt %d of %d): %s", what,
                failures.incrementAndGet(), ATTEMPTS + 1, f.getMessage()))
                .onFailure().retry().withBackOff(FIRST, MAX).atMost(ATTEMPTS)
                .onFailure().invoke(f -> log.errorf("Gave up applying %s after %d attempts: %s", what, ATTEMPTS + 1,
                        f.getMessage()));
    }
}
