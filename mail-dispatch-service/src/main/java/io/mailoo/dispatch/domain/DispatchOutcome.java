package io.mailoo.dispatch.domain;

import java.time.Instant;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

/**
 * What one attempt came to. {@code retryLadder} is set for DEFERRED outcomes: which backoff ladder applies;
 * {@code smtpStep} for attempts that failed in the SMTP dialogue: where.
 */
public record DispatchOutcome(MailStatus status, String errorCode, SmtpReply smtp, SmtpStep smtpStep,
        RetryLadder retryLadder, Instant nextAttemptAt) {

    public enum RetryLadder {
        QUICK,
        SLOW
    }

    public static DispatchOutcome sent(SmtpReply reply) {
        return new DispatchOutcome(MailStatus.SENT, null, reply, null, null, null);
    }

    public static DispatchOutcome failed(String errorCode, SmtpReply reply) {
        return new DispatchOutcome(MailStatus.FAILED, errorCode, reply, null, null, null);
    }

    /** The owner's cancel reached the message before its send. */
    public static DispatchOutcome cancelled() {
        return new DispatchOutcome(MailStatus.CANCELLED, ErrorCodes.CANCELLED_BY_OWNER, null, null, null, null);
    }

    public static DispatchOutcome rejected(String errorCode) {
        return new DispatchOutcome(MailStatus.REJECTED, errorCode, null, null, null, null);
    }

    public static DispatchOutcome notConfigured() {
        return new DispatchOutcome(MailStatus.NOT_CONFIGURED, ErrorCodes.PROFILE_NOT_CONFIGURED, null, null, null,
                null);
    }

    public static DispatchOutcome deferred(String errorCode, SmtpReply reply, RetryLadder ladder) {
        return new DispatchOutcome(MailStatus.DEFERRED, errorCode, reply, null, ladder, null);
    }

    /** A deferral at a time already chosen (rate limit), not by a ladder. */
    public static DispatchOutcome deferredUntil(String errorCode, Instant when) {
        return new DispatchOutcome(MailStatus.DEFERRED, errorCode, null, null, null, when);
    }

    public DispatchOutcome withNextAttemptAt(Instant when) {
        return new DispatchOutcome(status, errorCode, smtp, smtpStep, retryLadder, when);
    }

    /** The same outcome, failed at {@code step} of the SMTP dialogue. */
    public DispatchOutcome at(SmtpStep step) {
        return new DispatchOutcome(status, errorCode, smtp, step, retryLadder, nextAttemptAt);
    }

    /** The same reason as a final failure: what a deferral becomes once the message has expired. */
    public DispatchOutcome asFinalFailure() {
        return new DispatchOutcome(MailStatus.FAILED, errorCode == null ? ErrorCodes.EXPIRED : errorCode, smtp,
                smtpStep, null, null);
    }
}
