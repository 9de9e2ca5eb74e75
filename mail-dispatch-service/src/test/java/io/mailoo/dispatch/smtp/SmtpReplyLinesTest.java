package io.mailoo.dispatch.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.SmtpReply;

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
    void failuresKeepCodeAndLinesForTheClassifier() {
        var failure = new SmtpReplyLines(535, List.of("535 5.7.8 Authentication failed"))
                .failure("AUTH PLAIN failed", true);
        assertEquals(535, failure.getReplyCode());
        assertEquals("535 5.7.8 Authentication failed", failure.getReplyMessage());
        assertEquals("AUTH PLAIN failed: 535 5.7.8 Authentication failed", failure.getMessage());
    }
}
