package io.mailoo.integration.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.crypto.SmtpSecretCipher;

/** The cipher from MAIL_SMTP_ENCRYPTION_KEY (may be absent: then saving a new password answers 503). */
public class CipherProducer {

    @Produces
    @ApplicationScoped
    SmtpSecretCipher cipher(@ConfigProperty(name = "mailoo.crypto.key") Optional<String> key,
            @ConfigProperty(name = "mailoo.crypto.previous-keys") Optional<String> previousKeys) {
        return SmtpSecretCipher.fromBase64Keys(key.orElse(null), previousKeys.orElse(null));
    }
}
