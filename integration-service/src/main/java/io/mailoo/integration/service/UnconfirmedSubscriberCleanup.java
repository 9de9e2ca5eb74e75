package io.mailoo.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Removes double opt-in subscribers who did not confirm within SUBSCRIPTION_CONFIRMATION_WINDOW: an address nobody
 * confirmed is not kept, and the person can subscribe again. One statement, so replicas running it together only
 * delete each row once.
 */
@ApplicationScoped
public class UnconfirmedSubscriberCleanup {

    private static final Logger LOG = Logger.getLogger(UnconfirmedSubscriberCleanup.class);

    @Inject
    Pool pool;

    @Scheduled(every = "${mailoo.subscriptions.cleanup-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpired() {
        // the status as a literal (SubscriptionStatus.PENDING_CONFIRMATION), so the partial index of V8 serves it
        return pool.query("DELETE FROM subscriber WHERE status = 'PENDING_CONFIRMATION' AND confirm_by < now()")
                .execute().invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.infof("Removed %d subscribers who did not confirm in time", rows.rowCount());
                    }
                }).replaceWithVoid();
    }
}
