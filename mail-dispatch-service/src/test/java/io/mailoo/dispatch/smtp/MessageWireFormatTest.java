package io.mailoo.dispatch.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;

class MessageWireFormatTest {

    private static String wire(MailMessage message) {
        return MessageWireFormat.encode(message, "dispatch.test").data().toString();
    }

    private static MailMessage message(String text, String html) {
        return new MailMessage().setFrom("Shop <shop@tenant.test>").setBounceAddress("shop@tenant.test")
                .setTo(List.of("buyer@customer.test")).setSubject("Hello").setText(text).setHtml(html)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("X-Mailoo-Message-Id", "m-1"));
    }

    @Test
    void everyLineEndsInCrLfAndTheDataEndsWithTheDotLine() {
        String data = wire(message("first line\nsecond line\nthird", null));
        assertTrue(data.endsWith("\r\nthird\r\n.\r\n"), data);
        assertFalse(data.replace("\r\n", "").contains("\n"), "no bare LF: " + data);
        assertFalse(data.replace("\r\n", "").contains("\r"), "no bare CR: " + data);
        assertTrue(data.contains("\r\n\r\nfirst line\r\nsecond line\r\nthird\r\n"), "blank line after the headers");
        assertTrue(data.contains("Subject: Hello\r\n"));
        assertTrue(data.contains("X-Mailoo-Message-Id: m-1\r\n"));
    }

    @Test
    void aDotAtTheStartOfALineIsDoubledSoTheServerDoesNotEndTheMessageEarly() {
        String data = wire(message("before\n.\n.hidden\nafter.", null));
        assertTrue(data.contains("\r\nbefore\r\n..\r\n..hidden\r\nafter.\r\n.\r\n"), data);
    }

    @Test
    void textAndHtmlBecomeAMultipartWithBothBodiesAndAClosingBoundary() {
        String data = wire(message("plain body", "<p>html body</p>"));
        assertTrue(data.contains("multipart/alternative"), data);
        assertTrue(data.contains("\r\nplain body\r\n"), data);
        assertTrue(data.contains("\r\n<p>html body</p>\r\n"), data);
        String boundary = data.substring(data.indexOf("boundary=\"") + 10);
        boundary = boundary.substring(0, boundary.indexOf('"'));
        assertTrue(data.contains("\r\n--" + boundary + "--\r\n.\r\n"), data);
        assertEquals(2, data.split("\r\n--" + boundary + "\r\n", -1).length - 1, "two parts");
    }

    @Test
    void aTrailingLineBreakAddsNoEmptyLine() {
        assertTrue(wire(message("last\n", null)).endsWith("\r\nlast\r\n.\r\n"));
    }

    @Test
    void theBufferIsSizedFromThePartsWithinAFewPercentOfTheWireLength() {
        String body = "line of a confirmation mail, long enough to be a real one\n".repeat(90);
        for (MailMessage m : List.of(message(body, null), message(body, "<p>" + body + "</p>"))) {
            io.vertx.ext.mail.mailencoder.EncodedPart root = new io.vertx.ext.mail.mailencoder.MailEncoder(m,
                    "dispatch.test").encodeMail();
            int wireLength = wire(m).length();
            int estimate = MessageWireFormat.approximateSize(root);
            // the builder is sized estimate * 17/16 + 256: it must hold the message without growing
            assertTrue(estimate <= wireLength && estimate + estimate / 16 + 256 >= wireLength,
                    "estimate " + estimate + " for " + wireLength + " bytes on the wire");
        }
    }
}
