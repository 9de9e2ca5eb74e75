package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.util.UUID;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.repository.SuppressionRepository.Suppression;

/** A recipient on a profile's suppression list: the refusal that put it there and until when it counts. */
public record SuppressionView(String address, UUID messageId, SmtpReply smtp, Instant suppressedAt,
        Instant expiresAt) {

    static SuppressionView of(Suppression s) {
        return new SuppressionView(s.address(), s.messageId(), s.smtp(), s.suppressedAt(), s.expiresAt());
    }
}
