package io.mailoo.market.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Integrator API keys: {@code mk_<8 hex>_<43 base64url>}. The first part ({@code mk_<8 hex>}) is the visible prefix;
 * the rest carries 256 random bits. With that much entropy a plain SHA-256 is a safe way to store and look up the
 * key (a slow password hash would only slow down every order).
 */
public final class ApiKeyCodec {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("mk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");

    private ApiKeyCodec() {
    }

    public record NewKey(String plaintext, String prefix, String hash) {
        @Override
        public String toString() {
            return "NewKey[prefix=" + prefix + "]";
        }
    }

    public static NewKey generate() {
        byte[] id = new byte[4];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String prefix = "mk_" + HexFormat.of().formatHex(id);
        String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(key, prefix, hash(key));
    }

    /** True when the value has the shape of a key (checked before any database lookup). */
    public static boolean looksLikeKey(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
