package io.mailoo.support.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** MAIL_SMTP_ENCRYPTION_KEY and MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS; an empty value counts as missing. */
@ConfigMapping(prefix = "mailoo.crypto")
public interface CryptoConfig {

    /** The base64 AES-256 key new secrets are sealed with. */
    Optional<String> key();

    /** Comma-separated earlier keys, still accepted for opening (key rotation). */
    Optional<String> previousKeys();
}
