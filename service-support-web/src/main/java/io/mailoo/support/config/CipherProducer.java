package io.mailoo.support.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.quarkus.runtime.Startup;

/**
 * The one {@link SmtpSecretCipher} of a service, from {@code mailoo.crypto.key} and {@code previous-keys}
 * (MAIL_SMTP_ENCRYPTION_KEY(S)). A singleton, not a client proxy: the keys are read once and the cipher is immutable.
 * Made at startup, so a malformed key stops the service with how to make one; a missing key still lets it start,
 * and whoever must seal or open a secret answers that (503 in the domain services, ENCRYPTION_KEY_MISSING in dispatch).
 * (The class is a bean itself so that discovery finds it in this library jar.)
 */
@Singleton
public class CipherProducer {

    @Produces
    @Singleton
    @Startup
    SmtpSecretCipher cipher(CryptoConfig config) {
        return SmtpSecretCipher.fromBase64Keys(config.key().orElse(null), config.previousKeys().orElse(null));
    }
}
