package io.mailoo.dispatch.service;

import java.util.Set;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.smtp.SmtpProtocolException;
import io.mailoo.dispatch.smtp.SmtpReplyText;
import io.vertx.ext.mail.SMTPException;

/**
 * Turns what the mail client raised into an outcome: 4xx and network trouble are DEFERRED (quick ladder for
 * network errors and the "server busy" codes), 5xx, authentication and TLS failures are FAILED at once.
 */
@ApplicationScoped
public class SmtpFailureClassifier {

    /** 4xx replies that mean "busy or out of resources right now", retried on the quick ladder (as pretix does). */
    static final Set<Integer> QUICK_RETRY_CODES = Set.of(421, 422, 431, 442, 447, 452);

    public DispatchOutcome classify(Throwable failure) {
        if (find(failure, java.util.concurrent.TimeoutException.class) != null) {
            return DispatchOutcome.deferred(ErrorCodes.SMTP_TIMEOUT, null, RetryLadder.QUICK);
        }
        if (find(failure, SmtpProtocolException.class) != null) {
            // a server outside the protocol's bounds is broken or hostile: retrying only gives it more connections
            return DispatchOutcome.failed(ErrorCodes.SMTP_PROTOCOL_ERROR, null);
        }
        SMTPException smtp = find(failure, SMTPException.class);
        if (smtp != null) {
            return classifyReply(smtp);
        }
        if (find(failure, SSLException.class) != null) {
            return DispatchOutcome.failed(ErrorCodes.SMTP_TLS_FAILED, null);
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("login is required")) {
            return DispatchOutcome.failed(ErrorCodes.SMTP_AUTH_FAILED, null);
        }
        if (message.contains("STARTTLS")) {
            return DispatchOutcome.failed(ErrorCodes.SMTP_TLS_FAILED, null);
        }
        // Network trouble and anything unforeseen are retried: a wrong guess here delays a mail, never loses it.
        return DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null, RetryLadder.QUICK);
    }

    private DispatchOutcome classifyReply(SMTPException e) {
        int code = e.getReplyCode();
        SmtpReply reply = new SmtpReply(code, enhancedCode(e), SmtpReplyText.truncate(e.getReplyMessage()));
        boolean duringAuth = String.valueOf(e.getMessage()).startsWith("AUTH ");
        if (e.isTransient()) {
            RetryLadder ladder = QUICK_RETRY_CODES.contains(code) ? RetryLadder.QUICK : RetryLadder.SLOW;
            return DispatchOutcome.deferred(ErrorCodes.SMTP_TEMPORARY_FAILURE, reply, ladder);
        }
        if (duringAuth || code == 535 || code == 534 || code == 530) {
            return DispatchOutcome.failed(ErrorCodes.SMTP_AUTH_FAILED, reply);
        }
        if (String.valueOf(e.getMessage()).startsWith("recipient address not accepted")) {
            return DispatchOutcome.failed(ErrorCodes.RECIPIENT_REJECTED, reply);
        }
        return DispatchOutcome.failed(ErrorCodes.SMTP_REJECTED, reply);
    }


    /** The enhanced status code (e.g. 5.7.8) as the reply text starts with it, if it does. */
    private static String enhancedCode(SMTPException e) {
        String line = e.getReplyMessage();
        return line == null || line.length() < 5 ? null : SmtpReplyText.enhancedCode(line.substring(4));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
