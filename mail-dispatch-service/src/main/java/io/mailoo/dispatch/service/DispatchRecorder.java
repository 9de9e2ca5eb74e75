package io.mailoo.dispatch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.MessageRecord;
import io.mailoo.dispatch.messaging.MailResultPublisher;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.DispatchMessageRepository.OutcomeWrite;
import io.vertx.core.Vertx;

/**
 * Makes an outcome durable and visible: writes it to dispatch_message (batched: many outcomes, one round trip and
 * one commit) and then publishes the MailDispatchResult. A deferral gets its next attempt time here.
 */
@ApplicationScoped
public class DispatchRecorder {

    private static final Logger LOG = Logger.getLogger(DispatchRecorder.class);
    private static final int MAX_BATCH = 500;
    private static final long FLUSH_DELAY_MS = 2;

    /** {@code written} (may be null) runs once the write is over, whether it succeeded or was given up. */
    private record Pending(OutcomeWrite write, MailDispatchResult result, Runnable written) {
    }

    private final DispatchMessageRepository repository;
    private final MailResultPublisher publisher;
    private final RetrySchedule retrySchedule;
    private final DispatchMetrics metrics;
    private final Vertx vertx;
    private final UnpublishedResults unpublished;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    public DispatchRecorder(DispatchMessageRepository repository, MailResultPublisher publisher,
            RetrySchedule retrySchedule, DispatchMetrics metrics, Vertx vertx, UnpublishedResults unpublished) {
        this.repository = repository;
        this.unpublished = unpublished;
        this.publisher = publisher;
        this.retrySchedule = retrySchedule;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /**
     * Records the outcome of a message's attempt.
     *
     * @param attemptsMade attempts made so far, this one included
     * @param retryable    false for SMTP_TEST: a deferral is reported as a failure straight away
     */
    public void record(SendMailRequested request, Instant expiresAt, DispatchOutcome outcome, int attemptsMade,
            boolean retryable) {
        record(request, expiresAt, outcome, attemptsMade, retryable, null);
    }

    /**
     * As above; {@code written} runs once the outcome's write is over (committed, or given up after its retries),
     * which is when the message's lease may be let go.
     */
    public void record(SendMailRequested request, Instant expiresAt, DispatchOutcome outcome, int attemptsMade,
            boolean retryable, Runnable written) {
        Instant now = Instant.now();
        DispatchOutcome effective = outcome;
        if (outcome.status() == MailStatus.DEFERRED) {
            Instant next = outcome.nextAttemptAt() != null ? outcome.nextAttemptAt()
                    : retrySchedule.nextAttempt(outcome.retryLadder(), attemptsMade, now);
            if (!retryable || !now.isBefore(expiresAt)) {
                effective = outcome.asFinalFailure();
            } else {
                effective = outcome.withNextAttemptAt(next.isAfter(expiresAt) ? expiresAt : next);
            }
        }
        MailDispatchResult result = new MailDispatchResult(request.messageId(), request.profileRef(),
                request.purpose(), request.source(), effective.status(), attemptsMade, effective.nextAttemptAt(),
                effective.smtp(), effective.smtpStep(), effective.errorCode(), now);
        pending.add(new Pending(new OutcomeWrite(request.messageId(), effective.status(), attemptsMade,
                effective.nextAttemptAt(), effective.smtp(), effective.smtpStep(), effective.errorCode(), now),
                result, written));
        if (flushScheduled.compareAndSet(false, true)) {
            vertx.setTimer(FLUSH_DELAY_MS, id -> flush());
        }
    }

    /** Publishes a result that is already stored (a redelivered request, or a refusal written on insert). */
    public void publishStored(MessageRecord stored) {
        publishStored(stored, null);
    }

    /** As above; {@code acknowledged} runs once Kafka has it. */
    public void publishStored(MessageRecord stored, Runnable acknowledged) {
        publish(new MailDispatchResult(stored.messageId(), stored.profileRef(), stored.purpose(), stored.source(),
                stored.resultStatus().orElseThrow(), stored.attempt(), stored.nextAttemptAt(), stored.smtp(),
                stored.smtpStep(), stored.errorCode(), Instant.now()), acknowledged);
    }

    public void publish(MailDispatchResult result) {
        publish(result, null);
    }

    private void publish(MailDispatchResult result, Runnable acknowledged) {
        metrics.result(result.purpose(), result.status());
        publisher.publish(result, acknowledged);
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            flushScheduled.set(false);
            if (!pending.isEmpty() && flushScheduled.compareAndSet(false, true)) {
                vertx.setTimer(FLUSH_DELAY_MS, id -> flush());
            }
            return;
        }
        repository.recordOutcomes(batch.stream().map(Pending::write).toList())
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(10))
                .atMost(20)
                .subscribe().with(stored -> {
                    // the rows now say "result unpublished" until Kafka acknowledges (ResultRepublisher)
                    batch.forEach(p -> publish(asStored(p.result(), stored.get(p.write().messageId())),
                            () -> unpublished.acknowledged(p.write().messageId(), p.write().at())));
                    written(batch);
                    flush();
                }, failure -> {
                    LOG.errorf("Could not store %d dispatch outcomes; their messages will be attempted again once "
                            + "their lease ends: %s", batch.size(), FailureDescription.of(failure));
                    written(batch);
                    flush();
                });
    }

    /** The result as the row now says: a deferral that a cancel overtook is published as the CANCELLED it became. */
    static MailDispatchResult asStored(MailDispatchResult result, String storedStatus) {
        if (!MailStatus.CANCELLED.name().equals(storedStatus) || result.status() == MailStatus.CANCELLED) {
            return result;
        }
        return new MailDispatchResult(result.messageId(), result.profileRef(), result.purpose(), result.source(),
                MailStatus.CANCELLED, result.attempt(), null, null, null, ErrorCodes.CANCELLED_BY_OWNER,
                result.occurredAt());
    }

    private static void written(List<Pending> batch) {
        for (Pending p : batch) {
            if (p.written() != null) {
                try {
                    p.written().run();
                } catch (RuntimeException e) {
                    LOG.errorf("After writing the outcome of %s: %s", p.write().messageId(), FailureDescription.of(e));
                }
            }
        }
    }

    /** Purposes whose deferrals are not retried. */
    public static boolean isRetryable(MailPurpose purpose) {
        return purpose != MailPurpose.SMTP_TEST;
    }
}
