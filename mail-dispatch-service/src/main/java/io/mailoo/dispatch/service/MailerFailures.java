package io.mailoo.dispatch.service;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.smtp.SmtpFailure;
import io.mailoo.dispatch.smtp.SmtpFailure.Kind;
import io.mailoo.dispatch.smtp.SmtpReplyText;
import io.vertx.ext.mail.SMTPException;

/**
 * The platform profile's failures as quarkus-mailer (the Vert.x mail client) raises them, typed once here so the
 * one classifier reads them like the profiles' own client's: by exception type and by the reply's code and enhanced
 * status, never by message text. The mail client does not say which command a reply answered, so the step comes
 * from what the code or the enhanced status (RFC 5321 §4.3.2, RFC 3463) can only mean, and is UNKNOWN otherwise.
 */
final class MailerFailures {

    private MailerFailures() {
    }

    static SmtpFailure typed(Throwable failure) {
        if (failure instanceof SmtpFailure typed) {
            return typed;
        }
        SMTPException smtp = find(failure, SMTPException.class);
        if (smtp != null) {
            List<String> lines = smtp.getReplyMessages();
            SmtpReply reply = SmtpReplyText.reply(smtp.getReplyCode(),
                    lines == null || lines.isEmpty() ? null : lines.get(lines.size() - 1));
            return SmtpFailure.reply(stepOf(reply), reply);
        }
        if (find(failure, SSLException.class) != null) {
            return SmtpFailure.of(SmtpStep.TLS, Kind.TLS);
        }
        if (find(failure, TimeoutException.class) != null) {
            return SmtpFailure.of(SmtpStep.UNKNOWN, Kind.TIMEOUT);
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return SmtpFailure.of(SmtpStep.CONNECT, Kind.CONNECTION);
        }
        // a closed connection, and the client's own refusals (STARTTLS or AUTH not offered), come untyped
        return SmtpFailure.of(SmtpStep.UNKNOWN, Kind.CONNECTION);
    }

    /** The step a reply can only have answered, judged by its code and enhanced status; UNKNOWN when in doubt. */
    static SmtpStep stepOf(SmtpReply reply) {
        int code = reply.code() == null ? 0 : reply.code();
        if (code == 530 || code == 534 || code == 535 || code == 538) {
            return SmtpStep.AUTH; // RFC 4954: only AUTH (or a command refused for want of it) gets these
        }
        if (code == 551) {
            return SmtpStep.RCPT_TO; // "user not local": RCPT only
        }
        String enhanced = reply.enhancedCode();
        if (enhanced == null) {
            return SmtpStep.UNKNOWN;
        }
        String detail = enhanced.substring(2); // "1.1" of "5.1.1"
        return switch (detail) {
            case "7.8", "7.9", "7.12" -> SmtpStep.AUTH; // credentials invalid, mechanism too weak, password transition
            case "1.1", "1.2", "1.3", "1.4", "1.6", "1.10", "2.1" -> SmtpStep.RCPT_TO; // the destination mailbox
            case "1.7", "1.8" -> SmtpStep.MAIL_FROM; // the sender's mailbox or system
            case "3.4" -> SmtpStep.MESSAGE; // message too big for the system
            default -> detail.startsWith("6.") ? SmtpStep.MESSAGE : SmtpStep.UNKNOWN; // the message's content
        };
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
