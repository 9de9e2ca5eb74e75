package io.mailoo.support.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.mailoo.support.db.PostgresOutage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A consumer's database work, retried with backoff so PostgreSQL being away does not drop a projection update or a
 * mail status. A failure that says the database is unavailable (out of connections, restarting: {@link
 * PostgresOutage}) is retried until the database answers — the records wait in Kafka meanwhile, and nothing else
 * could be done with them; any other failure gets about a minute (9 attempts), then the record is logged and left so
 * one record that can never be written does not stop the channel.
 */
public final class DatabaseRetry {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(15);
    static final int ATTEMPTS = 8;

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
        return retried(attempt, log, what, FIRST, MAX);
    }

    static <T> Uni<T> retried(Uni<T> attempt, Logger log, String what, Duration first, Duration max) {
        AtomicInteger failures = new AtomicInteger();
        // each failed attempt is logged, so an outage shows while it lasts, not only once the record is given up
        return attempt.onFailure().invoke(f -> {
            if (PostgresOutage.isOutage(f)) {
                log.warnf("Applying %s failed (attempt %d, the database is unavailable: retried until it answers): "
                        + "%s", what, failures.incrementAndGet(), f.getClass().getName());
            } else {
                log.warnf("Applying %s failed (attempt %d of %d): %s", what, failures.incrementAndGet(),
                        ATTEMPTS + 1, f.getMessage());
            }
        })
                .onFailure(PostgresOutage::isOutage).retry().withBackOff(first, max).indefinitely()
                .onFailure().retry().withBackOff(first, max).atMost(ATTEMPTS)
                .onFailure().invoke(f -> log.errorf("Gave up applying %s after %d attempts: %s", what,
                        failures.get(), f.getMessage()));
    }
}
