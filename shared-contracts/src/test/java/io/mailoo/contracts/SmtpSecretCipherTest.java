package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.contracts.crypto.InvalidEncryptionKeyException;
import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.SmtpSecurity;

class SmtpSecretCipherTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretBinding bound(String profileRef) {
        return SecretBinding.smtpPassword(profileRef, "smtp.example.com", 587, SmtpSecurity.STARTTLS, "shop");
    }

    private final String key = newKey();
    private final SmtpSecretCipher cipher = SmtpSecretCipher.fromBase64Keys(key, null);

    @Test
    void sealsAndOpensForTheSameProfile() {
        SealedSecret sealed = cipher.seal("s3cret-pass", bound("integration:a"));
        assertEquals("s3cret-pass", cipher.open(sealed, bound("integration:a")));
        assertFalse(sealed.ciphertext().contains("s3cret-pass"));
        assertEquals(8, sealed.keyId().length());
        assertEquals(SmtpSecretCipher.keyId(Base64.getDecoder().decode(key)), sealed.keyId());
    }

    @Test
    void nonceIsRandomSoTheSamePasswordSealsDifferently() {
        assertNotEquals(cipher.seal("p", bound("integration:a")).ciphertext(), cipher.seal("p", bound("integration:a")).ciphertext());
    }

    @Test
    void ciphertextMovedToAnotherProfileDoesNotOpen() {
        SealedSecret sealed = cipher.seal("s3cret-pass", bound("integration:a"));
        var e = assertThrows(SecretOpenException.class, () -> cipher.open(sealed, bound("integration:b")));
        assertFalse(e.keyUnknown());
        assertFalse(e.getMessage().contains("s3cret-pass"));
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        SealedSecret sealed = cipher.seal("s3cret-pass", bound("integration:a"));
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        raw[raw.length - 1] ^= 0x01;
        var tampered = new SealedSecret(sealed.keyId(), Base64.getEncoder().encodeToString(raw));
        assertThrows(SecretOpenException.class, () -> cipher.open(tampered, bound("integration:a")));
        var garbage = new SealedSecret(sealed.keyId(), "not base64 !!");
        assertThrows(SecretOpenException.class, () -> cipher.open(garbage, bound("integration:a")));
    }

    @Test
    void previousKeyStillOpensAfterRotationAndNewSealsUseTheNewKey() {
        SealedSecret old = cipher.seal("old-pass", bound("offer-generator:g"));
        String newKey = newKey();
        SmtpSecretCipher rotated = SmtpSecretCipher.fromBase64Keys(newKey, newKey() + "," + key);
        assertEquals("old-pass", rotated.open(old, bound("offer-generator:g")));
        SealedSecret fresh = rotated.seal("new-pass", bound("offer-generator:g"));
        assertNotEquals(old.keyId(), fresh.keyId());
        var e = assertThrows(SecretOpenException.class, () -> cipher.open(fresh, bound("offer-generator:g")));
        assertTrue(e.keyUnknown());
    }

    @Test
    void keyThatIsNotBase64Of32BytesIsRefusedWithHowToGenerate() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : new String[] {"not-base64-%%%", shortKey}) {
            var e = assertThrows(InvalidEncryptionKeyException.class, () -> SmtpSecretCipher.fromBase64Keys(bad, null));
            assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
            assertTrue(e.getMessage().contains("MAIL_SMTP_ENCRYPTION_KEY"), e.getMessage());
            assertFalse(e.getMessage().contains(bad));
        }
        var e = assertThrows(InvalidEncryptionKeyException.class,
                () -> SmtpSecretCipher.fromBase64Keys(key, shortKey));
        assertTrue(e.getMessage().contains("MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS"));
    }

    @Test
    void withoutKeySealingFailsWithTheVariableNameAndOpeningSaysKeyUnknown() {
        SmtpSecretCipher none = SmtpSecretCipher.fromBase64Keys(null, "");
        assertFalse(none.canSeal());
        var e = assertThrows(EncryptionKeyMissingException.class, () -> none.seal("p", bound("integration:a")));
        assertTrue(e.getMessage().contains("MAIL_SMTP_ENCRYPTION_KEY"));
        assertTrue(e.getMessage().contains("openssl rand -base64 32"));
        assertTrue(e.getMessage().contains("every replica"));
        SealedSecret sealed = cipher.seal("p", bound("integration:a"));
        assertTrue(assertThrows(SecretOpenException.class, () -> none.open(sealed, bound("integration:a"))).keyUnknown());
    }

    @Test
    void legacyProfileBoundSecretsOpenOnlyThroughTheReSealPathAndNotWithABinding() throws Exception {
        // a secret sealed the old way: the profileRef alone as associated data
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                Base64.getDecoder().decode(key), "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
        aes.updateAAD("integration:a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] body = aes.doFinal("old-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] raw = new byte[12 + body.length];
        System.arraycopy(body, 0, raw, 12, body.length);
        SealedSecret legacy = new SealedSecret(cipher.currentKeyId().orElseThrow(),
                Base64.getEncoder().encodeToString(raw));

        assertEquals("old-pass", cipher.openLegacyProfileBound(legacy, "integration:a"));
        assertThrows(SecretOpenException.class, () -> cipher.open(legacy, bound("integration:a")));
        assertThrows(SecretOpenException.class, () -> cipher.openLegacyProfileBound(
                cipher.seal("new-pass", bound("integration:a")), "integration:a"));
    }
}
