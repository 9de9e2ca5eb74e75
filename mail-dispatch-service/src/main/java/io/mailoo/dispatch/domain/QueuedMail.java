package io.mailoo.dispatch.domain;

import java.time.Instant;

import io.mailoo.contracts.events.SendMailRequested;

/**
 * A message taken into memory for an attempt. {@code attempt} counts attempts already made; {@code waitingSince}
 * is when it first waited for its profile (for the grace period).
 */
public record QueuedMail(SendMailRequested request, int attempt, Instant expiresAt, Instant waitingSince) {

    public String profileRef() {
        return request.profileRef();
    }

    public QueuedMail waitingFrom(Instant since) {
        return new QueuedMail(request, attempt, expiresAt, since);
    }
}
