package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.ext.mail.SMTPException;

class SmtpFailureClassifierTest {

    private final SmtpFailureClassifier classifier = new SmtpFailureClassifier();

    private static SMTPException reply(String context, int code, String line) {
        return new SMTPException(context, code, List.of(line), true);
    }

    @Test
    void authenticationFailureFailsAtOnce() {
        DispatchOutcome o = classifier.classify(reply("AUTH PLAIN failed", 535, "535 5.7.8 Authentication failed"));
        assertEquals(MailStatus.FAILED, o.status());
        assertEquals("SMTP_AUTH_FAILED", o.errorCode());
        assertEquals("5.7.8", o.smtp().enhancedCode());
    }

    @Test
    void temporaryAuthFailureIsDeferred() {
        DispatchOutcome o = classifier.classify(reply("AUTH PLAIN failed", 454, "454 4.7.0 try later"));
        assertEquals(MailStatus.DEFERRED, o.status());
    }

    @Test
    void busyCodesUseTheQuickLadderOtherTemporaryCodesTheSlowOne() {
        for (int code : new int[] {421, 422, 431, 442, 447, 452}) {
            DispatchOutcome o = classifier.classify(reply("sending data failed", code, code + " busy"));
            assertEquals(MailStatus.DEFERRED, o.status());
            assertEquals(RetryLadder.QUICK, o.retryLadder(), "code " + code);
        }
        DispatchOutcome greylisted = classifier.classify(reply("recipient address not accepted", 450,
                "450 4.2.0 greylisted"));
        assertEquals(RetryLadder.SLOW, greylisted.retryLadder());
        assertEquals("SMTP_TEMPORARY_FAILURE", greylisted.errorCode());
    }

    @Test
    void permanentRepliesAreClassifiedByPhase() {
        assertEquals("RECIPIENT_REJECTED", classifier.classify(
                reply("recipient address not accepted", 550, "550 5.1.1 unknown user")).errorCode());
        assertEquals("SMTP_REJECTED", classifier.classify(
                reply("sending data failed", 554, "554 5.7.1 spam")).errorCode());
        assertEquals("SMTP_REJECTED", classifier.classify(
                reply("sender address not accepted", 553, "553 sender not allowed")).errorCode());
    }

    @Test
    void networkAndTlsFailures() {
        DispatchOutcome refused = classifier.classify(new ConnectException("Connection refused"));
        assertEquals(MailStatus.DEFERRED, refused.status());
        assertEquals("SMTP_CONNECT_FAILED", refused.errorCode());
        assertEquals(RetryLadder.QUICK, refused.retryLadder());
        DispatchOutcome timeout = classifier.classify(new java.util.concurrent.TimeoutException("no answer"));
        assertEquals(MailStatus.DEFERRED, timeout.status());
        assertEquals("SMTP_TIMEOUT", timeout.errorCode());
        DispatchOutcome closed = classifier.classify(new NoStackTraceThrowable("Connection was closed."));
        assertEquals(MailStatus.DEFERRED, closed.status());
        assertEquals("SMTP_TLS_FAILED", classifier.classify(
                new RuntimeException(new SSLHandshakeException("PKIX path building failed"))).errorCode());
        assertEquals("SMTP_TLS_FAILED", classifier.classify(
                new NoStackTraceThrowable("STARTTLS required but not supported by server")).errorCode());
        assertEquals("SMTP_AUTH_FAILED", classifier.classify(new NoStackTraceThrowable(
                "login is required, but no allowed AUTH methods available. You may need to do STARTTLS")).errorCode());
    }
}
