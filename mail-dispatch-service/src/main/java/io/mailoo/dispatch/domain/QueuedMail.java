package io.mailoo.dispatch.domain;

import java.time.Instant;

import io.mailoo.contracts.events.SendMailRequested;

/**
 * A message taken into memory for an attempt. {@code attempt} counts attempts already made; {@code lastDeferral} is
 * why the previous attempt was deferred (what it fails with if it expires now); {@code waitingSince} is when it
 * first waited for its profile (for the grace period).
 */
public record QueuedMail(SendMailRequested request, int attempt, Instant expiresAt, DispatchOutcome lastDeferral,
        Instant waitingSince) {

    public static QueuedMail fresh(SendMailRequested request, Instant expiresAt) {
        return new QueuedMail(request, 0, expiresAt, null, null);
    }

    /** What the message comes to when it expires before it could be sent. */
    public DispatchOutcome expiredOutcome() {
        return lastDeferral != null ? lastDeferral.asFinalFailure() : DispatchOutcome.failed(ErrorCodes.EXPIRED, null);
    }

    public String profileRef() {
        return request.profileRef();
    }

    public QueuedMail waitingFrom(Instant since) {
        return new QueuedMail(request, attempt, expiresAt, lastDeferral, since);
    }
}
