package io.mailoo.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Value of {@code mailoo.mail-results.v1}, keyed by profileRef: one per dispatch attempt. Never carries secrets or
 * bodies.
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
        String errorCode,
        Instant occurredAt) {
}
