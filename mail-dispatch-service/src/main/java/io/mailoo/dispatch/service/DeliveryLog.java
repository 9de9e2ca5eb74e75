package io.mailoo.dispatch.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.dispatch.domain.LogEntry;
import io.mailoo.dispatch.domain.LogFilter;
import io.mailoo.dispatch.repository.DeliveryLogRepository;
import io.mailoo.dispatch.repository.SuppressionRepository;
import io.mailoo.dispatch.repository.SuppressionRepository.Suppression;
import io.mailoo.dispatch.service.DeliveryLogAccess.Scope;
import io.mailoo.support.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * A profile's delivery log for its project's members, and the owner's actions on it: retry a DEFERRED mail now,
 * cancel a QUEUED or DEFERRED one, lift a suppressed recipient (docs/dispatch.md, "Delivery log").
 */
@ApplicationScoped
public class DeliveryLog {

    /** What a cancel came to: done at once, or handed to the process that holds the mail. */
    public record CancelOutcome(LogEntry entry, boolean pending) {
    }

    private final DeliveryLogRepository repository;
    private final SuppressionRepository suppressionRepository;
    private final RecipientSuppressions suppressions;
    private final CancelRequests cancels;
    private final DispatchRecorder recorder;
    private final UnpublishedResults unpublished;

    public DeliveryLog(DeliveryLogRepository repository, SuppressionRepository suppressionRepository,
            RecipientSuppressions suppressions, CancelRequests cancels, DispatchRecorder recorder,
            UnpublishedResults unpublished) {
        this.repository = repository;
        this.suppressionRepository = suppressionRepository;
        this.suppressions = suppressions;
        this.cancels = cancels;
        this.recorder = recorder;
        this.unpublished = unpublished;
    }

    /** Up to {@code limit} entries newest first, and whether more follow. */
    public Uni<List<LogEntry>> page(Scope scope, LogFilter filter, int limit) {
        return repository.page(scope.profileRef(), scope.projectUid(), filter, limit);
    }

    public Uni<LogEntry> entry(Scope scope, UUID messageId) {
        return repository.find(scope.profileRef(), scope.projectUid(), messageId).map(found -> {
            if (found == null) {
                throw mailNotFound();
            }
            return found;
        });
    }

    /** Makes a DEFERRED mail due now: the poller attempts it within DISPATCH_POLL_INTERVAL. */
    public Uni<LogEntry> retryNow(Scope scope, UUID messageId) {
        return entry(scope, messageId).chain(found -> repository.retryNow(scope.profileRef(), scope.projectUid(),
                messageId, Instant.now()).chain(done -> {
                    if (!done) {
                        throw new ProblemException(409, "MAIL_NOT_DEFERRED", "The mail is " + found.message().status()
                                + "; only a deferred mail (not being cancelled) can be retried now.");
                    }
                    return entry(scope, messageId);
                }));
    }

    /**
     * Cancels a QUEUED or DEFERRED mail. When no process holds it, it is CANCELLED at once and its result published;
     * otherwise its holder is told (NOTIFY) and ends it CANCELLED before the send, or — if the send had begun — the
     * log shows the send's outcome after the cancel's time.
     */
    public Uni<CancelOutcome> cancel(Scope scope, UUID messageId) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return entry(scope, messageId).chain(found -> repository.cancel(scope.profileRef(), scope.projectUid(),
                messageId, at).chain(status -> {
                    if (status == null) {
                        throw new ProblemException(409, "MAIL_NOT_CANCELLABLE", "The mail is "
                                + found.message().status() + "; only a queued or deferred mail can be cancelled.");
                    }
                    if (MailStatus.CANCELLED.name().equals(status)) {
                        return entry(scope, messageId).invoke(cancelled -> recorder.publishStored(cancelled.message(),
                                () -> unpublished.acknowledged(messageId, at)))
                                .map(cancelled -> new CancelOutcome(cancelled, false));
                    }
                    return cancels.announce(messageId).chain(() -> entry(scope, messageId))
                            .map(marked -> new CancelOutcome(marked, true));
                }));
    }

    public Uni<List<Suppression>> suppressions(Scope scope, int limit) {
        return suppressionRepository.active(scope.profileRef(), limit);
    }

    public Uni<Void> lift(Scope scope, String address) {
        return suppressions.lift(scope.profileRef(), address).map(lifted -> {
            if (!lifted) {
                throw ProblemException.notFound("SUPPRESSION_NOT_FOUND",
                        "The address is not on this profile's suppression list.");
            }
            return null;
        });
    }

    private static ProblemException mailNotFound() {
        return ProblemException.notFound("MAIL_NOT_FOUND", "The mail does not exist in this delivery log.");
    }
}
