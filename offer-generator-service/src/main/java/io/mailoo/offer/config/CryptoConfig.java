package io.mailoo.offer.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** MAIL_SMTP_ENCRYPTION_KEY and MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS; an empty value counts as missing. */
@ConfigMapping(prefix = "mailoo.crypto")
public interface CryptoConfig {

    Optional<String> key();

    Optional<String> previousKeys();
}
