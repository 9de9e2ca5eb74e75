package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.mailoo.testsupport.TestSecrets;

/**
 * {@link DispatchTestResources} with the platform profile's quarkus-mailer pointed at a {@link ScriptedSmtpServer}
 * instead of GreenMail: STARTTLS required, a login, a certificate for localhost that only
 * {@code mailoo.dispatch.trusted-certificates} (DISPATCH_SMTP_TRUSTED_CERTIFICATES) trusts, and a new connection per
 * mail, so a test can script the server's replies and certificate for the next platform mail.
 */
public class ScriptedPlatformResources extends DispatchTestResources {

    public static final String USERNAME = "platform-user";
    public static final String PASSWORD = "platform-test-password";

    private static volatile ScriptedSmtpServer server;

    /** The platform's SMTP server of the running test application. */
    public static ScriptedSmtpServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        try {
            server = ScriptedSmtpServer.tls(TestTls.trustedServer(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.mailer.host", "localhost");
        config.put("quarkus.mailer.port", Integer.toString(server.port()));
        config.put("quarkus.mailer.start-tls", "REQUIRED");
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.login", "REQUIRED");
        config.put("quarkus.mailer.username", USERNAME);
        config.put("quarkus.mailer.password", TestSecrets.remember(PASSWORD));
        config.put("quarkus.mailer.keep-alive", "false");
        return config;
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            super.stop();
        }
    }
}
