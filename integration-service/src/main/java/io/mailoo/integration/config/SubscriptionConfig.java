package io.mailoo.integration.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The subscriber lifecycle of FORM integrations: double opt-in window, signed links and where they point. */
@ConfigMapping(prefix = "mailoo.subscriptions")
public interface SubscriptionConfig {

    /** SUBSCRIPTION_LINK_KEY: base64 HMAC key (≥ 32 bytes) that signs links; empty = derived from the SMTP key. */
    Optional<String> linkKey();

    /** SUBSCRIPTION_LINK_PREVIOUS_KEYS: comma-separated earlier link keys, still accepted (rotation). */
    Optional<String> linkPreviousKeys();

    /** PUBLIC_BASE_URL: the gateway as mail recipients reach it; links are this plus the public route. */
    String publicBaseUrl();

    /** SUBSCRIPTION_CONFIRMATION_WINDOW: how long a double opt-in link works before the subscriber is removed. */
    Duration confirmationWindow();

    /** How often unconfirmed subscribers past their window are removed (a scheduler interval, e.g. 5m). */
    String cleanupInterval();
}
