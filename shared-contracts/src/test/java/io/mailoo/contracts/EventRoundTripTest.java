package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;

class EventRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123Z");

    private static <T> void assertRoundTrip(T event, Class<T> type) {
        T back = EventCodec.decode(EventCodec.encode(event), type);
        assertEquals(event, back);
    }

    @Test
    void integrationChangedRoundTrips() {
        assertRoundTrip(new IntegrationChanged("int-1", "prj-1", "user-1", List.of("user-2", "user-3"), "FORM",
                "Contact", "pk_abc", true, 7), IntegrationChanged.class);
    }

    @Test
    void projectChangedRoundTrips() {
        assertRoundTrip(new io.mailoo.contracts.events.ProjectChanged("prj-1", "Shop", "user-1",
                List.of("user-2"), 3), io.mailoo.contracts.events.ProjectChanged.class);
    }

    @Test
    void mailProfileChangedRoundTrips() {
        var smtp = new SmtpServer("smtp.example.com", 587, SmtpSecurity.STARTTLS, "mailer",
                new SealedSecret("0a1b2c3d", "bm9uY2VhbmRjaXBoZXJ0ZXh0"));
        assertRoundTrip(new MailProfileChanged("integration:int-1", "prj-1", 3, smtp,
                new Sender("shop@example.com", "Shop"), "help@example.com", new ProfileLimits(4, 600)),
                MailProfileChanged.class);
    }

    @Test
    void sendMailRequestedRoundTripsWithInlineProfile() {
        UUID id = UUID.randomUUID();
        var inline = new InlineProfile(new SmtpServer("smtp.example.com", 465, SmtpSecurity.SSL_TLS, "u",
                new SealedSecret("0a1b2c3d", "c2VhbGVk")), new Sender("a@example.com", null), null);
        assertRoundTrip(new SendMailRequested(id, "integration:int-1", 2, MailPurpose.SMTP_TEST, "prj-1",
                new MailSource("integration-service", "SmtpTest", "t-1"), List.of("x@example.com"),
                List.of("c@example.com"), List.of(), "r@example.com", "Hello", "text", "<p>html</p>",
                Map.of("X-Mailoo-Test", "1"), inline, T0, T0.plusSeconds(60)), SendMailRequested.class);
    }

    @Test
    void mailDispatchResultRoundTrips() {
        assertRoundTrip(new MailDispatchResult(UUID.randomUUID(), "offer-generator:g-1", MailPurpose.OFFER_DELIVERY,
                new MailSource("offer-generator-service", "Submission", "s-1"), MailStatus.DEFERRED, 2,
                T0.plusSeconds(30), new SmtpReply(451, "4.3.0", "try later"), "SMTP_TEMPORARY_FAILURE", T0),
                MailDispatchResult.class);
    }

    @Test
    void instantsAreIsoStringsAndNullsAreLeftOut() {
        String json = EventCodec.encodeToString(new MailDispatchResult(UUID.randomUUID(), "platform",
                MailPurpose.PLATFORM_NOTIFICATION, null, MailStatus.SENT, 1, null, null, null, T0));
        assertTrue(json.contains("\"occurredAt\":\"2026-11-24T10:15:30.123Z\""), json);
        assertFalse(json.contains("nextAttemptAt"), json);
    }

    @Test
    void malformedPayloadIsRefusedWithoutEchoingIt() {
        var e = assertThrows(EventDecodingException.class,
                () -> EventCodec.decode("{\"messageId\":\"not-a-uuid-secret\"}", SendMailRequested.class));
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void toStringsNeverShowSecretsOrBodies() {
        var sealed = new SealedSecret("0a1b2c3d", "Q0lQSEVSVEVYVA==");
        var smtp = new SmtpServer("h", 25, SmtpSecurity.NONE, "u", sealed);
        assertFalse(sealed.toString().contains("Q0lQSEVSVEVYVA=="));
        assertFalse(smtp.toString().contains("Q0lQSEVSVEVYVA=="));
        var request = new SendMailRequested(UUID.randomUUID(), "integration:i", 1, MailPurpose.WELCOME, "p", null,
                List.of("x@example.com"), null, null, null, "Subject", "BODY-TEXT", null, null,
                new InlineProfile(smtp, null, null), T0, T0);
        assertFalse(request.toString().contains("BODY-TEXT"));
        assertFalse(request.toString().contains("Q0lQSEVSVEVYVA=="));
    }
}
