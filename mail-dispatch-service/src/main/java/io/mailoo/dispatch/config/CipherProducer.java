package io.mailoo.dispatch.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.crypto.SmtpSecretCipher;

/** Builds the cipher from MAIL_SMTP_ENCRYPTION_KEY(S); a malformed key stops startup with how to make one. */
@ApplicationScoped
public class CipherProducer {

    @Produces
    @ApplicationScoped
    SmtpSecretCipher cipher(@ConfigProperty(name = "mailoo.crypto.key") Optional<String> key,
            @ConfigProperty(name = "mailoo.crypto.previous-keys") Optional<String> previousKeys) {
        return SmtpSecretCipher.fromBase64Keys(key.orElse(null), previousKeys.orElse(null));
    }
}
