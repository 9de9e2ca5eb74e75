package io.mailoo.integration.rest;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.SmtpReply;

/** The answer of a successful test email: where it went and what the SMTP server said. */
public record SmtpTestView(String status, String recipient, Smtp smtp) {

    /** The server's last reply. */
    public record Smtp(Integer code, String message) {
    }

    public static SmtpTestView of(MailDispatchResult result, String recipient) {
        SmtpReply reply = result.smtp();
        return new SmtpTestView(result.status().name(), recipient,
                reply == null ? null : new Smtp(reply.code(), reply.message()));
    }
}
