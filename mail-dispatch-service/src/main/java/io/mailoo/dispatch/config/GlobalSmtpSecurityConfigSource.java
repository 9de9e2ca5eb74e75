package io.mailoo.dispatch.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps the one documented variable GLOBAL_SMTP_SECURITY (STARTTLS | SSL_TLS | NONE) onto quarkus-mailer's two
 * settings, so operators configure the platform SMTP the same way as a tenant profile.
 */
public class GlobalSmtpSecurityConfigSource implements ConfigSource {

    private static final String VARIABLE = "GLOBAL_SMTP_SECURITY";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of("quarkus.mailer.tls", "quarkus.mailer.start-tls");
    }

    @Override
    public String getValue(String propertyName) {
        String security = System.getProperty(VARIABLE, System.getenv().getOrDefault(VARIABLE, "STARTTLS"));
        Map<String, String> values = switch (security.trim().toUpperCase()) {
            case "SSL_TLS" -> Map.of("quarkus.mailer.tls", "true", "quarkus.mailer.start-tls", "DISABLED");
            case "NONE" -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED");
            default -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "REQUIRED");
        };
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "mailoo-global-smtp-security";
    }

    /** Above application.properties (250), below environment variables (300). */
    @Override
    public int getOrdinal() {
        return 275;
    }
}
