package io.mailoo.dispatch.domain;

import java.time.Instant;

import io.mailoo.contracts.events.SendMailRequested;

/**
 * A message taken into memory for an attempt. {@code attempt} counts attempts already made; {@code lastDeferral} is
 * why the previous attempt was deferred (what it fails with if it expires now); {@code waitingSince} is when it
 * first waited for its profile (for the grace period); {@code partition} is its request's partition (-1 unknown);
 * {@code leasedAt} is when its lease was taken (System.nanoTime before the statement that took it).
 */
public record QueuedMail(SendMailRequested request, int attempt, Instant expiresAt, DispatchOutcome lastDeferral,
        Instant waitingSince, int partition, long leasedAt) {

    public static QueuedMail fresh(SendMailRequested request, Instant expiresAt, int partition, long leasedAt) {
        return new QueuedMail(request, 0, expiresAt, null, null, partition, leasedAt);
    }

    /** What the message comes to when it expires before it could be sent. */
    public DispatchOutcome expiredOutcome() {
        return lastDeferral != null ? lastDeferral.asFinalFailure() : DispatchOutcome.failed(ErrorCodes.EXPIRED, null);
    }

    public String profileRef() {
        return request.profileRef();
    }

    public QueuedMail waitingFrom(Instant since) {
        return new QueuedMail(request, attempt, expiresAt, lastDeferral, since, partition, leasedAt);
    }
}
