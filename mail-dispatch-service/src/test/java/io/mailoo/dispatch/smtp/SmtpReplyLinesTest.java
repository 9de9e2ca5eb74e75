package io.mailoo.dispatch.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

class SmtpReplyLinesTest {

    @Test
    void theLastLineGivesTheReplyTextAndItsEnhancedCode() {
        SmtpReply reply = new SmtpReplyLines(250, List.of("250 2.0.0 Ok: queued as 4Bc1")).toSmtpReply();
        assertEquals(250, reply.code());
        assertEquals("2.0.0", reply.enhancedCode());
        assertEquals("2.0.0 Ok: queued as 4Bc1", reply.message());
    }

    @Test
    void aReplyWithoutEnhancedCodeHasNone() {
        SmtpReply reply = new SmtpReplyLines(250, List.of("250-first", "250 OK")).toSmtpReply();
        assertNull(reply.enhancedCode());
        assertEquals("OK", reply.message());
    }

    @Test
    void aFailureNamesItsStepAndCarriesTheReplyButNotTheServersTextInItsMessage() {
        SmtpFailure failure = new SmtpReplyLines(535, List.of("535 5.7.8 Authentication failed for secret-user"))
                .failure(SmtpStep.AUTH);
        assertEquals(SmtpStep.AUTH, failure.step());
        assertEquals(SmtpFailure.Kind.REPLY, failure.kind());
        assertEquals(new SmtpReply(535, "5.7.8", "5.7.8 Authentication failed for secret-user"), failure.reply());
        assertEquals("REPLY at AUTH (535)", failure.getMessage());
    }
}
