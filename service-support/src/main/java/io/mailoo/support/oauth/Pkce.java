package io.mailoo.support.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The random values of one authorization code flow (RFC 7636 PKCE with S256, and the {@code state}): 32 random bytes,
 * base64url without padding (43 characters, inside the verifier's 43-128 range).
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** 32 random bytes, base64url: a code_verifier or a state. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    /** {@code code_challenge} for method S256: base64url(SHA-256(ASCII(verifier))). */
    public static String challenge(String verifier) {
        return URL.encodeToString(sha256(verifier));
    }

    /** How a state is stored: SHA-256 hex, so the table never holds a usable state. */
    public static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
