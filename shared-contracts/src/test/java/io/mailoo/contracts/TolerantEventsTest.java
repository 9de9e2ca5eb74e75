package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.contracts.json.EventCodec;

/**
 * A newer producer's events as an older consumer reads them: enum values it does not know decode as UNKNOWN (the
 * record is still read, not dead-lettered), new fields are ignored, and the step of a result round-trips.
 */
class TolerantEventsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:15:30Z");

    /** Every enum the events carry, so a new one cannot forget its UNKNOWN. */
    private static final List<Class<? extends Enum<?>>> EVENT_ENUMS = List.of(MailPurpose.class, MailStatus.class,
            SmtpSecurity.class, SmtpStep.class);

    @Test
    void everyEventEnumHasAnUnknownDefault() throws Exception {
        for (Class<? extends Enum<?>> type : EVENT_ENUMS) {
            assertEquals(1, java.util.Arrays.stream(type.getFields())
                    .filter(f -> f.isAnnotationPresent(JsonEnumDefaultValue.class))
                    .filter(f -> f.getName().equals("UNKNOWN")).count(), type.getSimpleName());
        }
    }

    @Test
    void aRequestWithAnUnknownPurposeAndSecurityDecodesWithUnknowns() {
        UUID id = UUID.randomUUID();
        String json = """
                {"messageId":"%s","profileRef":"integration:i-1","minProfileVersion":1,"purpose":"NEWSLETTER",
                 "to":["a@example.com"],"subject":"Hi","text":"x","futureField":{"a":1},
                 "inlineProfile":{"smtp":{"host":"smtp.example.com","port":587,"security":"QUANTUM_TLS"}},
                 "requestedAt":"2026-12-05T10:15:30Z","expiresAt":"2026-12-05T10:16:00Z"}
                """.formatted(id);
        SendMailRequested request = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8),
                SendMailRequested.class);
        assertEquals(id, request.messageId());
        assertEquals(MailPurpose.UNKNOWN, request.purpose());
        assertEquals(SmtpSecurity.UNKNOWN, request.inlineProfile().smtp().security());
    }

    @Test
    void aProfileWithAnUnknownSecurityDecodes() {
        MailProfileChanged profile = EventCodec.decode("""
                {"profileRef":"integration:i-1","version":3,
                 "smtp":{"host":"smtp.example.com","port":587,"security":"DANE"}}
                """, MailProfileChanged.class);
        assertEquals(SmtpSecurity.UNKNOWN, profile.smtp().security());
        assertEquals(3, profile.version());
    }

    @Test
    void aResultWithAnUnknownStatusStepAndPurposeDecodesAndUnknownIsNotFinal() {
        MailDispatchResult result = EventCodec.decode("""
                {"messageId":"%s","profileRef":"platform","purpose":"BILLING","status":"BOUNCED","attempt":1,
                 "smtpStep":"BDAT","occurredAt":"2026-12-05T10:15:30Z"}
                """.formatted(UUID.randomUUID()), MailDispatchResult.class);
        assertEquals(MailStatus.UNKNOWN, result.status());
        assertEquals(MailPurpose.UNKNOWN, result.purpose());
        assertEquals(SmtpStep.UNKNOWN, result.smtpStep());
        assertFalse(MailStatus.UNKNOWN.isFinal(), "a consumer waits for a status it knows");
    }

    @Test
    void aResultCarriesItsStepAndAnOlderFormWithoutItStillDecodes() {
        MailDispatchResult failed = new MailDispatchResult(UUID.randomUUID(), "integration:i-1", MailPurpose.WELCOME,
                new MailSource("integration-service", "Subscriber", "s-1"), MailStatus.FAILED, 1, null,
                new SmtpReply(550, "5.1.1", "5.1.1 no such user"), SmtpStep.RCPT_TO, "RECIPIENT_REJECTED", T0);
        assertEquals(failed, EventCodec.decode(EventCodec.encode(failed), MailDispatchResult.class));
        assertEquals(true, EventCodec.encodeToString(failed).contains("\"smtpStep\":\"RCPT_TO\""));

        MailDispatchResult older = EventCodec.decode("""
                {"messageId":"%s","profileRef":"platform","status":"SENT","attempt":1,"occurredAt":"2026-12-05T10:15:30Z"}
                """.formatted(UUID.randomUUID()), MailDispatchResult.class);
        assertNull(older.smtpStep());
        assertEquals(MailStatus.SENT, older.status());
    }
}
