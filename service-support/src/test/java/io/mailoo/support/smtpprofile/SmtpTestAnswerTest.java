package io.mailoo.support.smtpprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.support.http.ProblemException;

class SmtpTestAnswerTest {

    private static final SendMailRequested REQUEST = new SendMailRequested(UUID.randomUUID(), "integration:1", 0,
            MailPurpose.SMTP_TEST, "p", null, List.of("owner@shop.test"), List.of(), List.of(), null, "s", "t", null,
            Map.of(), null, Instant.now(), Instant.now());

    private static MailDispatchResult result(MailStatus status, String errorCode, SmtpReply reply) {
        return new MailDispatchResult(REQUEST.messageId(), "integration:1", MailPurpose.SMTP_TEST, null, status, 1,
                null, reply, errorCode, Instant.now());
    }

    @Test
    void sentIs200WithTheRecipientAndTheServersReply() {
        SmtpTestView view = SmtpTestAnswer.view(REQUEST, result(MailStatus.SENT, null,
                new SmtpReply(250, "2.0.0", "OK queued")));
        assertEquals(new SmtpTestView("SENT", "owner@shop.test", new SmtpTestView.Smtp(250, "OK queued")), view);
        assertEquals("SENT", SmtpTestAnswer.outcome(null));
    }

    @Test
    void noResultIs504AndAFailureIs502WithDispatchsCodeOrTheFallback() {
        ProblemException timeout = assertThrows(ProblemException.class, () -> SmtpTestAnswer.view(REQUEST, null));
        assertEquals(504, timeout.status());
        assertEquals("SMTP_TEST_TIMEOUT", timeout.code());
        ProblemException auth = assertThrows(ProblemException.class, () -> SmtpTestAnswer.view(REQUEST,
                result(MailStatus.FAILED, "SMTP_AUTH_FAILED", new SmtpReply(535, "5.7.8", "bad credentials"))));
        assertEquals(502, auth.status());
        assertEquals("SMTP_AUTH_FAILED", auth.code());
        assertTrue(auth.getMessage().contains("535 bad credentials"));
        ProblemException bare = assertThrows(ProblemException.class,
                () -> SmtpTestAnswer.view(REQUEST, result(MailStatus.REJECTED, null, null)));
        assertEquals("SMTP_TEST_FAILED", bare.code());
        assertEquals("SMTP_AUTH_FAILED", SmtpTestAnswer.outcome(auth));
        assertEquals("INTERNAL_ERROR", SmtpTestAnswer.outcome(new IllegalStateException()));
    }
}
