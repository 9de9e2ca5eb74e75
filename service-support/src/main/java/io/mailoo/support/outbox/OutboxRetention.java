package io.mailoo.support.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes published events after the retention: they carry mail bodies and sealed passwords, which have no business
 * staying once Kafka has them, and an outbox that only grows slows every poll.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    @Inject
    Pool pool;

    @ConfigProperty(name = "mailoo.outbox.retention", defaultValue = "24h")
    Duration retention;

    @Scheduled(every = "${mailoo.outbox.cleanup-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> deletePublished() {
        return deletePublishedBefore(retention);
    }

    /** Deletes events published longer ago than {@code age}; the number deleted. */
    public Uni<Void> deletePublishedBefore(Duration age) {
        return pool.preparedQuery("DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) age.toSeconds()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("Deleted %d published outbox events", rows.rowCount());
                    }
                }).replaceWithVoid();
    }
}
