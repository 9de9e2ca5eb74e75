package io.mailoo.support.smtpprofile;

import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.CIPHER;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.REF;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.input;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;

class SmtpProfileTest {

    @Test
    void aNewPasswordIsSealedForThisProfileAndItsServerOnly() {
        SmtpProfile p = stored("s3cret");
        assertEquals("s3cret", CIPHER.open(p.sealedPassword(), p.secretBinding(REF)));
        assertEquals(SecretBinding.VERSION, p.passwordBindingVersion);
        assertFalse(p.passwordCiphertext.contains("s3cret"));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(p.sealedPassword(),
                SecretBinding.smtpPassword("offer-generator:other", p.host, p.port, p.security, p.username)));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(p.sealedPassword(),
                SecretBinding.smtpPassword(REF, "smtp.attacker.test", p.port, p.security, p.username)));
    }

    @Test
    void applyTrimsBlanksToNullKeepsOrRemovesThePasswordAndLiftsASuspension() {
        SmtpProfile p = stored("s3cret");
        String ciphertext = p.passwordCiphertext;
        p.suspendedAt = Instant.now();
        p.apply(new SmtpSettingsInput(" smtp.shop.test ", 587, "STARTTLS", "shop", null, "shop@shop.test", " ", ""),
                PasswordChange.KEEP_STORED, CIPHER, REF);
        assertEquals("smtp.shop.test", p.host);
        assertNull(p.fromName);
        assertNull(p.replyTo);
        assertNull(p.suspendedAt, "a new profile version lifts dispatch's suspension");
        assertEquals(ciphertext, p.passwordCiphertext, "kept as it was");
        p.apply(input("smtp.shop.test", 587, "shop", Optional.empty()), PasswordChange.NONE, CIPHER, REF);
        assertFalse(p.hasPassword());
        assertNull(p.passwordKeyId);
    }

    @Test
    void theEventCarriesTheSealedPasswordNeverThePlaintext() {
        SmtpProfile p = stored("s3cret");
        MailProfileChanged event = p.changedEvent(REF, "project-1", 7);
        assertEquals(REF, event.profileRef());
        assertEquals(7, event.version());
        assertEquals(p.sealedPassword(), event.smtp().password());
        assertEquals("shop@shop.test", event.from().address());
        assertFalse(EventCodec.encodeToString(event).contains("s3cret"));
    }

    @Test
    void changedAndRemovedFieldsAreNamedNeverValued() {
        SmtpProfile p = stored("s3cret");
        assertEquals(List.of("host", "port", "security", "username", "password", "fromAddress", "fromName"),
                SmtpProfile.changedFields(null, input("smtp.shop.test", 587, "shop", Optional.of("x")),
                        PasswordChange.NEW));
        assertEquals(List.of("host"), SmtpProfile.changedFields(p, input("smtp.other.test", 587, "shop", null),
                PasswordChange.KEEP_STORED));
        assertEquals(List.of("host", "port", "security", "username", "password", "fromAddress", "fromName"),
                p.removedFields());
        assertTrue(stored(null).removedFields().stream().noneMatch("password"::equals));
    }
}
