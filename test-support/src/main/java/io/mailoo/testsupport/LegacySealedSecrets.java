package io.mailoo.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SmtpSecretCipher;

/**
 * Seals a password the way Mailoo did before SecretBinding (binding version 1: the profileRef alone as AES-GCM
 * associated data), so the re-seal step of the domain services can be tested against rows stored that way. The
 * production code can no longer seal like this.
 */
public final class LegacySealedSecrets {

    private LegacySealedSecrets() {
    }

    public static SealedSecret seal(String password, String profileRef) {
        byte[] key = Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY);
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD(profileRef.getBytes(StandardCharsets.UTF_8));
            byte[] body = aes.doFinal(password.getBytes(StandardCharsets.UTF_8));
            byte[] raw = new byte[nonce.length + body.length];
            System.arraycopy(nonce, 0, raw, 0, nonce.length);
            System.arraycopy(body, 0, raw, nonce.length, body.length);
            return new SealedSecret(SmtpSecretCipher.keyId(key), TestSecrets.remember(
                    Base64.getEncoder().encodeToString(raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
