package io.mailoo.support.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Deletes counters of windows that no longer count, so the table stays as small as the traffic of two windows. */
@ApplicationScoped
public class RateLimitCounterCleanup {

    @Inject
    Pool pool;

    @Scheduled(every = "${mailoo.rate-limit.cleanup-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deleteExpired() {
        return pool.query("DELETE FROM rate_limit_counter WHERE expires_at < now()").execute().replaceWithVoid();
    }
}
