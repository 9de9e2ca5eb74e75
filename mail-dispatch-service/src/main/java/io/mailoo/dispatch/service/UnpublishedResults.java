package io.mailoo.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.DispatchMessageRepository.PublishedResult;
import io.mailoo.dispatch.domain.MessageRecord;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Results survive a crash: a recorded outcome marks its row "result unpublished" in the same statement, Kafka's
 * acknowledgement clears the mark (in batches, once a second), and a row still marked after
 * {@link #REPUBLISH_AFTER} — its process died between the commit and the send, or the broker was away — is published
 * again from what is stored. Before this, a SIGKILL in that gap left an order QUEUED for ever although its mail had
 * left (issue 12's system test). Consumers apply results idempotently, so a second copy changes nothing.
 */
@ApplicationScoped
public class UnpublishedResults {

    private static final Logger LOG = Logger.getLogger(UnpublishedResults.class);
    static final Duration REPUBLISH_AFTER = Duration.ofSeconds(20);
    private static final int PAGE = 500;

    private final DispatchMessageRepository repository;
    private final DispatchRecorder recorder;
    private final OwnedPartitions partitions;
    private final ConcurrentLinkedQueue<PublishedResult> acknowledged = new ConcurrentLinkedQueue<>();

    public UnpublishedResults(DispatchMessageRepository repository, DispatchRecorder recorder,
            OwnedPartitions partitions) {
        this.repository = repository;
        this.recorder = recorder;
        this.partitions = partitions;
    }

    /** Called on the producer's thread when Kafka has the result of the outcome recorded at {@code recordedAt}. */
    void acknowledged(UUID messageId, Instant recordedAt) {
        acknowledged.add(new PublishedResult(messageId, recordedAt));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> clearAcknowledged() {
        List<PublishedResult> batch = new ArrayList<>();
        PublishedResult next;
        while ((next = acknowledged.poll()) != null) {
            batch.add(next);
        }
        // a lost clear only means one more copy of the result later
        return repository.resultsPublished(batch)
                .onFailure().invoke(f -> LOG.warnf("Could not mark %d results published: %s", batch.size(),
                        FailureDescription.of(f)))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> republish() {
        return repository.takeUnpublishedResults(PAGE, Instant.now().minus(REPUBLISH_AFTER), partitions.asArray())
                .invoke(rows -> {
                    for (MessageRecord row : rows) {
                        if (row.resultStatus().isPresent()) {
                            Instant at = Instant.now();
                            recorder.publishStored(row, () -> acknowledged(row.messageId(), at));
                        }
                    }
                    if (!rows.isEmpty()) {
                        LOG.infof("Published %d stored results again (their first publication was not acknowledged)",
                                rows.size());
                    }
                })
                .onFailure().invoke(f -> LOG.warnf("Republishing results failed: %s", FailureDescription.of(f)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
