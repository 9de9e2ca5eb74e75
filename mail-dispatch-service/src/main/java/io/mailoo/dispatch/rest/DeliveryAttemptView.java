package io.mailoo.dispatch.rest;

import java.time.Instant;

import io.mailoo.contracts.errors.ErrorCode;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.domain.AttemptRecord;

/**
 * One attempt of a mail as its owner sees it: when, what the server replied, the error code with its sentence from
 * the ErrorCode catalogue, and when the next attempt is due (DEFERRED).
 */
public record DeliveryAttemptView(int attempt, String status, Instant at, SmtpReply smtp, SmtpStep smtpStep,
        String errorCode, String errorMessage, Instant nextAttemptAt) {

    static DeliveryAttemptView of(AttemptRecord a) {
        return new DeliveryAttemptView(a.attempt(), a.status(), a.occurredAt(), a.smtp(), a.smtpStep(), a.errorCode(),
                sentence(a.errorCode()), a.nextAttemptAt());
    }

    /** The catalogue's sentence for a code, or null (no code, or one from a newer dispatcher). */
    static String sentence(String errorCode) {
        return ErrorCode.find(errorCode).map(ErrorCode::meaning).orElse(null);
    }
}
