package io.mailoo.contracts.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals SMTP passwords with AES-256-GCM (random 12-byte nonce, a {@link SecretBinding} as associated data, so a
 * ciphertext copied to another profile or beside another server does not open). The current key seals; previous
 * keys still open, for rotation.
 */
public final class SmtpSecretCipher {

    public static final String KEY_VARIABLE = "MAIL_SMTP_ENCRYPTION_KEY";
    public static final String PREVIOUS_KEYS_VARIABLE = "MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keysById;

    private SmtpSecretCipher(String currentKeyId, Map<String, SecretKeySpec> keysById) {
        this.currentKeyId = currentKeyId;
        this.keysById = keysById;
    }

    /**
     * @param currentKey   base64 of 32 bytes, or null/blank when not configured (sealing then fails)
     * @param previousKeys comma-separated base64 keys that may still open, or null/blank
     * @throws InvalidEncryptionKeyException when a given key is not base64 of 32 bytes
     */
    public static SmtpSecretCipher fromBase64Keys(String currentKey, String previousKeys) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String currentId = null;
        if (currentKey != null && !currentKey.isBlank()) {
            SecretKeySpec key = decodeKey(currentKey, KEY_VARIABLE);
            currentId = keyId(key.getEncoded());
            keys.put(currentId, key);
        }
        for (String previous : splitKeys(previousKeys)) {
            SecretKeySpec key = decodeKey(previous, PREVIOUS_KEYS_VARIABLE);
            keys.putIfAbsent(keyId(key.getEncoded()), key);
        }
        return new SmtpSecretCipher(currentId, Map.copyOf(keys));
    }

    public boolean canSeal() {
        return currentKeyId != null;
    }

    public Optional<String> currentKeyId() {
        return Optional.ofNullable(currentKeyId);
    }

    public SealedSecret seal(String plaintext, SecretBinding binding) {
        return seal(plaintext, binding.associatedData());
    }

    public String open(SealedSecret secret, SecretBinding binding) {
        return open(secret, binding.associatedData());
    }

    /**
     * Opens a secret sealed before {@link SecretBinding} (binding version 1: the profileRef alone as associated
     * data). Only the domain services' re-seal step calls it; dispatch never does.
     */
    public String openLegacyProfileBound(SealedSecret secret, String profileRef) {
        return open(secret, profileRef.getBytes(StandardCharsets.UTF_8));
    }

    private SealedSecret seal(String plaintext, byte[] associatedData) {
        if (currentKeyId == null) {
            throw new EncryptionKeyMissingException();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keysById.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return new SealedSecret(currentKeyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private String open(SealedSecret secret, byte[] associatedData) {
        if (secret == null || secret.keyId() == null || secret.ciphertext() == null) {
            throw new SecretOpenException("the sealed secret is incomplete", false);
        }
        SecretKeySpec key = keysById.get(secret.keyId());
        if (key == null) {
            throw new SecretOpenException("no configured key has id " + secret.keyId()
                    + " (set it as " + KEY_VARIABLE + " or in " + PREVIOUS_KEYS_VARIABLE + ")", true);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(secret.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new SecretOpenException("the sealed secret is not base64", false);
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretOpenException("the sealed secret is too short", false);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretOpenException("the sealed secret was altered or belongs to another profile or server", false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** First 8 hex characters of SHA-256 of the key: names a key without revealing it. */
    public static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static SecretKeySpec decodeKey(String base64, String variable) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidEncryptionKeyException(variable);
        }
        if (bytes.length != KEY_BYTES) {
            throw new InvalidEncryptionKeyException(variable);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static List<String> splitKeys(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String part : csv.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
