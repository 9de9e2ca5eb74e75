package io.mailoo.dispatch.smtp;

import java.util.List;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

/** One complete SMTP reply: its code and every line as the server sent it ("250-…", "250 …"). */
record SmtpReplyLines(int code, List<String> lines) {

    boolean is(int expected) {
        return code == expected;
    }

    /** The reply as the failure of {@code step}. */
    SmtpFailure failure(SmtpStep step) {
        return SmtpFailure.reply(step, toSmtpReply());
    }

    /** The last line without its code, e.g. "2.0.0 Ok: queued as 4Bc1", as results and the dashboard show it. */
    SmtpReply toSmtpReply() {
        return SmtpReplyText.reply(code, lines.get(lines.size() - 1));
    }
}
