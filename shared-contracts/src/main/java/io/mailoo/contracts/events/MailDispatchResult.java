package io.mailoo.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Value of {@code mailoo.mail-results.v1}, keyed by profileRef: one per dispatch attempt. Never carries secrets or
 * bodies. {@code smtpStep} is where an attempt failed in the SMTP dialogue (null when it did not fail there), and
 * {@code smtp} the server's reply there if it gave one.
 */
public record MailDispatchResult(
        UUID messageId,
        String profileRef,
        MailPurpose purpose,
        MailSource source,
        MailStatus status,
        int attempt,
        Instant nextAttemptAt,
        SmtpReply smtp,
        SmtpStep smtpStep,
        String errorCode,
        Instant occurredAt) {

    /** A result that did not fail in the SMTP dialogue (or whose step is not known). */
    public MailDispatchResult(UUID messageId, String profileRef, MailPurpose purpose, MailSource source,
            MailStatus status, int attempt, Instant nextAttemptAt, SmtpReply smtp, String errorCode,
            Instant occurredAt) {
        this(messageId, profileRef, purpose, source, status, attempt, nextAttemptAt, smtp, null, errorCode,
                occurredAt);
    }
}
