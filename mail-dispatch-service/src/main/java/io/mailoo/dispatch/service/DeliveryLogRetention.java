package io.mailoo.dispatch.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes final messages and their attempts after DISPATCH_RETENTION (docs/dispatch.md, "Retention"): the delivery
 * log is for recent mail, and a table that only grows makes every index insert of a burst slower. Deleted in batches,
 * each its own short transaction, so sending never waits behind one large delete; any replica may run it.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);
    /** The daily recipient cap counts the SENT rows of the last 24 hours: they must stay at least that long. */
    static final Duration MINIMUM = Duration.ofDays(1);
    private static final int BATCH = 1000;
    /** Bounds one round; what is left waits for the next interval. */
    private static final int MAX_BATCHES = 100;

    private final DispatchMessageRepository repository;
    private final DispatchSettings settings;

    public DeliveryLogRetention(DispatchMessageRepository repository, DispatchSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    @Scheduled(every = "${mailoo.dispatch.retention-interval:10m}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        return deleteOlderThan(settings.retention(), Instant.now()).replaceWithVoid();
    }

    /** One round: final messages older than {@code retention} (at least a day) at {@code now}; how many were deleted. */
    public Uni<Integer> deleteOlderThan(Duration retention, Instant now) {
        Instant before = now.minus(retention.compareTo(MINIMUM) < 0 ? MINIMUM : retention);
        return round(before, 0, 0).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("Deleted %d final messages last changed before %s (DISPATCH_RETENTION)", deleted, before);
            }
        });
    }

    private Uni<Integer> round(Instant before, int batches, int deleted) {
        return repository.deleteFinalBefore(before, BATCH).chain(n -> n < BATCH || batches + 1 >= MAX_BATCHES
                ? Uni.createFrom().item(deleted + n)
                : round(before, batches + 1, deleted + n));
    }
}
