package io.mailoo.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** One encryption key and one JWT key pair per test JVM, and tokens signed with it. */
public final class TestKeys {

    public static final String ISSUER = "https://mailoo.test/issuer";
    public static final String ENCRYPTION_KEY;
    public static final KeyPair JWT_KEYS;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ENCRYPTION_KEY = Base64.getEncoder().encodeToString(key);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            JWT_KEYS = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestKeys() {
    }

    /** Writes the public key as PEM under target/ and returns its location for mp.jwt.verify.publickey.location. */
    public static String publicKeyLocation() {
        try {
            Path file = Path.of("target", "test-jwt-public.pem").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(JWT_KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return "file:" + file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every service under test needs to open sealed secrets and to accept {@link #token} — the encryption key, the
     * JWT public key and issuer — followed by the given key, value pairs, which win over those three (a test of a
     * service without its key passes {@code "mailoo.crypto.key", ""}). A new map each call, which a test resource may
     * add to.
     */
    public static Map<String, String> serviceConfig(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key, value pairs expected, got " + keyValues.length + " strings");
        }
        Map<String, String> config = new HashMap<>();
        config.put("mailoo.crypto.key", ENCRYPTION_KEY);
        config.put("mp.jwt.verify.publickey.location", publicKeyLocation());
        config.put("mp.jwt.verify.issuer", ISSUER);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    /** A token as the dashboard sends it: {@code sub}, {@code email} (omitted when null) and {@code groups}. */
    public static String token(String subject, String email, Set<String> groups) {
        return token(subject, email, groups, null);
    }

    /** The same with an {@code aud} claim (omitted when null), for services that check JWT_AUDIENCE. */
    public static String token(String subject, String email, Set<String> groups, String audience) {
        var builder = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(groups).expiresIn(900);
        if (email != null) {
            builder.claim("email", email);
        }
        if (audience != null) {
            builder.audience(audience);
        }
        return builder.sign(JWT_KEYS.getPrivate());
    }
}
