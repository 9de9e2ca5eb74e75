package io.mailoo.offer.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.mailoo.contracts.crypto.SmtpSecretCipher;

/** One cipher for the service; without a key it can still start and answers 503 when a password must be sealed. */
public class CipherProducer {

    @Produces
    @Singleton
    SmtpSecretCipher cipher(CryptoConfig config) {
        return SmtpSecretCipher.fromBase64Keys(config.key().orElse(null), config.previousKeys().orElse(null));
    }
}
