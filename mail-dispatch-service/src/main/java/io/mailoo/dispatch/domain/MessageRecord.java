package io.mailoo.dispatch.domain;

import java.time.Instant;
import java.util.UUID;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

/** A dispatch_message row (status QUEUED, DEFERRED or a final MailStatus) without its request body: what operators see and what a redelivery re-publishes. */
public record MessageRecord(
        UUID messageId,
        String profileRef,
        MailPurpose purpose,
        MailSource source,
        String status,
        int attempt,
        Instant nextAttemptAt,
        Instant expiresAt,
        SmtpReply smtp,
        SmtpStep smtpStep,
        String errorCode,
        Instant createdAt,
        Instant updatedAt) {

    /** The status as a result event carries it; empty while the message still waits (QUEUED). */
    public java.util.Optional<MailStatus> resultStatus() {
        try {
            return java.util.Optional.of(MailStatus.valueOf(status));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public boolean isFinal() {
        return resultStatus().map(MailStatus::isFinal).orElse(false);
    }
}
