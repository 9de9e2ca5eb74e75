package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.smtp.SmtpFailure;
import io.mailoo.dispatch.smtp.SmtpFailure.Kind;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.ext.mail.SMTPException;

/** The platform path's boundary: what the Vert.x mail client raises, typed without reading its message text. */
class MailerFailuresTest {

    /** The mail client's own words for the step are deliberately misleading here: they must not matter. */
    private static SmtpFailure smtp(int code, String... lines) {
        return MailerFailures.typed(new SMTPException("sending data failed", code, List.of(lines), true));
    }

    @Test
    void aReplyKeepsCodeEnhancedStatusAndTextOfItsLastLine() {
        SmtpFailure f = smtp(550, "550-first line", "550 5.1.1 <x@y.test>: no such user");
        assertEquals(Kind.REPLY, f.kind());
        assertEquals(new SmtpReply(550, "5.1.1", "5.1.1 <x@y.test>: no such user"), f.reply());
        assertEquals(SmtpStep.RCPT_TO, f.step());
    }

    @Test
    void theStepComesFromTheCodeOrTheEnhancedStatus() {
        assertEquals(SmtpStep.AUTH, smtp(535, "535 Authentication failed").step());
        assertEquals(SmtpStep.AUTH, smtp(530, "530 Authentication required").step());
        assertEquals(SmtpStep.AUTH, smtp(554, "554 5.7.8 Bad credentials").step());
        assertEquals(SmtpStep.RCPT_TO, smtp(551, "551 User not local").step());
        assertEquals(SmtpStep.RCPT_TO, smtp(550, "550 5.2.1 mailbox disabled").step());
        assertEquals(SmtpStep.MAIL_FROM, smtp(553, "553 5.1.8 bad sender domain").step());
        assertEquals(SmtpStep.MESSAGE, smtp(552, "552 5.3.4 message too big").step());
        assertEquals(SmtpStep.MESSAGE, smtp(554, "554 5.6.0 content rejected").step());
        assertEquals(SmtpStep.UNKNOWN, smtp(554, "554 5.7.1 spam").step());
        assertEquals(SmtpStep.UNKNOWN, smtp(550, "550 recipient address not accepted").step());
    }

    @Test
    void exceptionsByType() {
        assertEquals(SmtpFailure.of(SmtpStep.TLS, Kind.TLS).getMessage(), MailerFailures.typed(
                new RuntimeException(new SSLHandshakeException("PKIX path building failed"))).getMessage());
        SmtpFailure refused = MailerFailures.typed(new ConnectException("Connection refused"));
        assertEquals(SmtpStep.CONNECT, refused.step());
        assertEquals(Kind.CONNECTION, refused.kind());
        SmtpFailure timeout = MailerFailures.typed(new java.util.concurrent.TimeoutException("no answer"));
        assertEquals(Kind.TIMEOUT, timeout.kind());
        // untyped refusals read alike whatever they say: a closed connection, STARTTLS or AUTH not offered
        for (String said : List.of("Connection was closed.", "STARTTLS required but not supported by server",
                "login is required, but no allowed AUTH methods available. You may need to do STARTTLS")) {
            SmtpFailure f = MailerFailures.typed(new NoStackTraceThrowable(said));
            assertEquals(Kind.CONNECTION, f.kind(), said);
            assertEquals(SmtpStep.UNKNOWN, f.step(), said);
        }
    }
}
