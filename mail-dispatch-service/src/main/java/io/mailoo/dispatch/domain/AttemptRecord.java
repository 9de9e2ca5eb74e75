package io.mailoo.dispatch.domain;

import java.time.Instant;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

/** One dispatch_attempt row: what one attempt of a message came to (or what ended it without one). */
public record AttemptRecord(int attempt, String status, Instant occurredAt, SmtpReply smtp, SmtpStep smtpStep,
        String errorCode, Instant nextAttemptAt) {
}
