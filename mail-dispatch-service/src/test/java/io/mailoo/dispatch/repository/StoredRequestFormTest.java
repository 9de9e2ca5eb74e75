package io.mailoo.dispatch.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.support.Profiles;

class StoredRequestFormTest {

    @Test
    void anOrdinaryRequestIsStoredAsReceived() {
        SendMailRequested request = Profiles.request(Profiles.newRef(), 1, io.mailoo.contracts.events.MailPurpose.WELCOME,
                "x@customer.test", "Hi");
        byte[] received = EventCodec.encode(request);
        assertSame(received, DispatchMessageRepository.storedForm(request, received));
    }

    @Test
    void anSmtpTestIsStoredWithoutItsInlineProfile() {
        Instant now = Instant.now();
        SendMailRequested test = Profiles.smtpTest(2525, "user", "inline-secret-pw", "owner@tenant.test", now,
                now.plusSeconds(60));
        byte[] stored = DispatchMessageRepository.storedForm(test, EventCodec.encode(test));
        String json = new String(stored, StandardCharsets.UTF_8);
        assertFalse(json.contains("inlineProfile"), json);
        assertFalse(json.contains(test.inlineProfile().smtp().password().ciphertext()), json);
        assertNull(EventCodec.decode(stored, SendMailRequested.class).inlineProfile());
    }
}
