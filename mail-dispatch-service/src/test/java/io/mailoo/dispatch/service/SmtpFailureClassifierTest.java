package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.mailoo.dispatch.smtp.SmtpFailure;
import io.mailoo.dispatch.smtp.SmtpFailure.Kind;
import io.mailoo.dispatch.smtp.SmtpReplyText;

class SmtpFailureClassifierTest {

    private final SmtpFailureClassifier classifier = new SmtpFailureClassifier();

    private DispatchOutcome reply(SmtpStep step, int code, String line) {
        return classifier.classify(SmtpFailure.reply(step, SmtpReplyText.reply(code, line)));
    }

    private DispatchOutcome failure(SmtpStep step, Kind kind) {
        return classifier.classify(SmtpFailure.of(step, kind));
    }

    @Test
    void authenticationFailureFailsAtOnceWithStepAndReply() {
        DispatchOutcome o = reply(SmtpStep.AUTH, 535, "535 5.7.8 Authentication failed");
        assertEquals(MailStatus.FAILED, o.status());
        assertEquals("SMTP_AUTH_FAILED", o.errorCode());
        assertEquals(SmtpStep.AUTH, o.smtpStep());
        assertEquals(new SmtpReply(535, "5.7.8", "5.7.8 Authentication failed"), o.smtp());
        assertEquals("SMTP_AUTH_FAILED", reply(SmtpStep.AUTH, 504, "504 5.5.4 unrecognized").errorCode());
        assertEquals("SMTP_AUTH_FAILED", reply(SmtpStep.MAIL_FROM, 530, "530 5.7.0 login first").errorCode());
    }

    @Test
    void temporaryAuthFailureIsDeferred() {
        DispatchOutcome o = reply(SmtpStep.AUTH, 454, "454 4.7.0 try later");
        assertEquals(MailStatus.DEFERRED, o.status());
        assertEquals("SMTP_TEMPORARY_FAILURE", o.errorCode());
    }

    @Test
    void busyCodesUseTheQuickLadderOtherTemporaryCodesTheSlowOne() {
        for (int code : new int[] {421, 422, 431, 442, 447, 452}) {
            DispatchOutcome o = reply(SmtpStep.MESSAGE, code, code + " busy");
            assertEquals(MailStatus.DEFERRED, o.status());
            assertEquals(RetryLadder.QUICK, o.retryLadder(), "code " + code);
        }
        DispatchOutcome greylisted = reply(SmtpStep.RCPT_TO, 450, "450 4.2.0 greylisted");
        assertEquals(RetryLadder.SLOW, greylisted.retryLadder());
        assertEquals("SMTP_TEMPORARY_FAILURE", greylisted.errorCode());
        assertEquals(SmtpStep.RCPT_TO, greylisted.smtpStep());
    }

    @Test
    void permanentRepliesAreClassifiedByStep() {
        assertEquals("RECIPIENT_REJECTED", reply(SmtpStep.RCPT_TO, 550, "550 5.1.1 unknown user").errorCode());
        assertEquals("SMTP_REJECTED", reply(SmtpStep.MESSAGE, 554, "554 5.7.1 spam").errorCode());
        assertEquals("SMTP_REJECTED", reply(SmtpStep.MAIL_FROM, 553, "553 sender not allowed").errorCode());
        assertEquals("SMTP_REJECTED", reply(SmtpStep.DATA, 554, "554 no valid recipients").errorCode());
        assertEquals("SMTP_REJECTED", reply(SmtpStep.GREETING, 554, "554 go away").errorCode());
        assertEquals("SMTP_REJECTED", reply(SmtpStep.UNKNOWN, 550, "550 refused").errorCode());
    }

    @Test
    void failuresWithoutAReply() {
        DispatchOutcome refused = failure(SmtpStep.CONNECT, Kind.CONNECTION);
        assertEquals(MailStatus.DEFERRED, refused.status());
        assertEquals("SMTP_CONNECT_FAILED", refused.errorCode());
        assertEquals(RetryLadder.QUICK, refused.retryLadder());
        assertEquals(SmtpStep.CONNECT, refused.smtpStep());
        assertNull(refused.smtp());
        DispatchOutcome timeout = failure(SmtpStep.GREETING, Kind.TIMEOUT);
        assertEquals(MailStatus.DEFERRED, timeout.status());
        assertEquals("SMTP_TIMEOUT", timeout.errorCode());
        assertEquals(SmtpStep.GREETING, timeout.smtpStep());
        assertEquals("SMTP_TLS_FAILED", failure(SmtpStep.TLS, Kind.TLS).errorCode());
        assertEquals(MailStatus.FAILED, failure(SmtpStep.TLS, Kind.TLS).status());
        assertEquals("SMTP_TLS_FAILED", failure(SmtpStep.STARTTLS, Kind.NOT_OFFERED).errorCode());
        assertEquals("SMTP_AUTH_FAILED", failure(SmtpStep.AUTH, Kind.NOT_OFFERED).errorCode());
        assertEquals("SMTP_PROTOCOL_ERROR", failure(SmtpStep.EHLO, Kind.PROTOCOL).errorCode());
        assertEquals(MailStatus.FAILED, failure(SmtpStep.EHLO, Kind.PROTOCOL).status());
    }

    @Test
    void anythingElseIsRetriedAtAnUnknownStep() {
        DispatchOutcome o = classifier.classify(new IllegalArgumentException("cannot encode"));
        assertEquals(MailStatus.DEFERRED, o.status());
        assertEquals("SMTP_CONNECT_FAILED", o.errorCode());
        assertEquals(SmtpStep.UNKNOWN, o.smtpStep());
    }
}
