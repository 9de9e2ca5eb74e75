package io.mailoo.dispatch.smtp;

import java.util.List;

import io.mailoo.contracts.events.SmtpReply;
import io.vertx.ext.mail.SMTPException;

/** One complete SMTP reply: its code and every line as the server sent it ("250-…", "250 …"). */
record SmtpReplyLines(int code, List<String> lines) {

    boolean is(int expected) {
        return code == expected;
    }

    boolean positive() {
        return code >= 200 && code < 400;
    }

    /** The reply as an exception the failure classifier understands; {@code what} says which step failed. */
    SMTPException failure(String what, boolean enhancedStatusCodes) {
        return new SMTPException(what, code, lines, enhancedStatusCodes);
    }

    /** The last line without its code, e.g. "2.0.0 Ok: queued as 4Bc1", as results and the dashboard show it. */
    SmtpReply toSmtpReply() {
        String last = lines.get(lines.size() - 1);
        String text = last.length() > 4 ? last.substring(4).trim() : "";
        return new SmtpReply(code, SmtpReplyText.enhancedCode(text), SmtpReplyText.truncate(text));
    }
}
