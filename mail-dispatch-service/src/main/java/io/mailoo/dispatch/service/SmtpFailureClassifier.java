package io.mailoo.dispatch.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.smtp.SmtpFailure;

/**
 * Turns a typed SMTP failure (step, kind, reply) into an outcome, for the profiles' own client and the platform
 * profile alike: 4xx and network trouble are DEFERRED (quick ladder for network errors and the "server busy"
 * codes), 5xx, authentication and TLS failures are FAILED at once. It reads types and reply codes, never a
 * library's message text.
 */
@ApplicationScoped
public class SmtpFailureClassifier {

    /** 4xx replies that mean "busy or out of resources right now", retried on the quick ladder (as pretix does). */
    static final Set<Integer> QUICK_RETRY_CODES = Set.of(421, 422, 431, 442, 447, 452);

    /** 5xx replies that refuse a login whatever step they answer. */
    static final Set<Integer> AUTH_REFUSED_CODES = Set.of(530, 534, 535);

    /**
     * The outcome of a failed send: an {@link SmtpFailure} by its step, kind and reply; anything else (a message
     * the encoder refused, a failure nobody foresaw) is retried, since a wrong guess there delays a mail but never
     * loses it.
     */
    public DispatchOutcome classify(Throwable failure) {
        if (!(failure instanceof SmtpFailure smtp)) {
            return DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null, RetryLadder.QUICK)
                    .at(SmtpStep.UNKNOWN);
        }
        return outcome(smtp).at(smtp.step());
    }

    private static DispatchOutcome outcome(SmtpFailure f) {
        return switch (f.kind()) {
            case TIMEOUT -> DispatchOutcome.deferred(ErrorCodes.SMTP_TIMEOUT, null, RetryLadder.QUICK);
            // a server outside the protocol's bounds is broken or hostile: retrying only gives it more connections
            case PROTOCOL -> DispatchOutcome.failed(ErrorCodes.SMTP_PROTOCOL_ERROR, null);
            case TLS -> DispatchOutcome.failed(ErrorCodes.SMTP_TLS_FAILED, null);
            case NOT_OFFERED -> DispatchOutcome.failed(f.step() == SmtpStep.AUTH ? ErrorCodes.SMTP_AUTH_FAILED
                    : ErrorCodes.SMTP_TLS_FAILED, null);
            case CONNECTION -> DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null, RetryLadder.QUICK);
            case REPLY -> reply(f);
        };
    }

    private static DispatchOutcome reply(SmtpFailure f) {
        int code = f.reply().code() == null ? 0 : f.reply().code();
        if (f.transientReply()) {
            RetryLadder ladder = QUICK_RETRY_CODES.contains(code) ? RetryLadder.QUICK : RetryLadder.SLOW;
            return DispatchOutcome.deferred(ErrorCodes.SMTP_TEMPORARY_FAILURE, f.reply(), ladder);
        }
        if (f.step() == SmtpStep.AUTH || AUTH_REFUSED_CODES.contains(code)) {
            return DispatchOutcome.failed(ErrorCodes.SMTP_AUTH_FAILED, f.reply());
        }
        if (f.step() == SmtpStep.RCPT_TO) {
            return DispatchOutcome.failed(ErrorCodes.RECIPIENT_REJECTED, f.reply());
        }
        return DispatchOutcome.failed(ErrorCodes.SMTP_REJECTED, f.reply());
    }
}
