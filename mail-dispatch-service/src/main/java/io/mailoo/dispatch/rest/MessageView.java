package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.util.UUID;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.domain.MessageRecord;

/** One dispatched message as operators see it: routing and outcome, never recipients' bodies or secrets. */
public record MessageView(UUID messageId, String profileRef, MailPurpose purpose, MailSource source, String status,
        int attempt, Instant nextAttemptAt, Instant expiresAt, SmtpReply smtp, SmtpStep smtpStep, String errorCode,
        Instant createdAt, Instant updatedAt) {

    public static MessageView of(MessageRecord r) {
        return new MessageView(r.messageId(), r.profileRef(), r.purpose(), r.source(), r.status(), r.attempt(),
                r.nextAttemptAt(), r.expiresAt(), r.smtp(), r.smtpStep(), r.errorCode(), r.createdAt(),
                r.updatedAt());
    }
}
