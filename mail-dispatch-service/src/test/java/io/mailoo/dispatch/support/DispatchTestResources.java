package io.mailoo.dispatch.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts what the dispatch tests need besides the broker and PostgreSQL that ./mailoo test provides: the platform
 * (global) SMTP server as GreenMail, a JWT key pair for the operator API and an encryption key.
 */
public class DispatchTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ENCRYPTION_KEY;
    public static final KeyPair JWT_KEYS;
    public static final String ISSUER = "https://mailoo.test/issuer";

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

    private GreenMail platform;

    @Override
    public Map<String, String> start() {
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("mailoo.platform.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(platform.getSmtp().getPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.from", "platform@mailoo.test");
        config.put("mailoo.crypto.key", ENCRYPTION_KEY);
        config.put("mp.jwt.verify.publickey.location", writePublicKey());
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("mailoo.dispatch.profile-grace", "PT3S");
        config.put("mailoo.dispatch.quick-retry-ladder", "1s,2s");
        config.put("mailoo.dispatch.slow-retry-ladder", "1s,2s");
        config.put("mailoo.dispatch.poll-interval", "250ms");
        config.put("mailoo.dispatch.auth-failures-before-suspension", "3");
        config.put("mailoo.dispatch.operator-address", "ops@mailoo.test");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(platform, new TestInjector.AnnotatedAndMatchesType(PlatformSmtp.class,
                GreenMail.class));
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    /** Writes the test JWT public key to a file and returns its location for mp.jwt.verify.publickey.location. */
    public static String writePublicKey() {
        try {
            Path file = Path.of("target", "test-jwt-public.pem").toAbsolutePath();
            Files.createDirectories(file.getParent());
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(JWT_KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return "file:" + file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
