package io.mailoo.integration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Rate limits, counted in PostgreSQL so every replica shares them (service-support's SharedRateLimiter). */
@ConfigMapping(prefix = "mailoo.limits")
public interface LimitsConfig {

    /** Public submissions and subscriptions per integration publicKey per minute (only keys that resolve). */
    int publicRequestsPerMinute();

    /** Public-triggered mail (the welcome) per recipient address, across the service. */
    int publicMailPerRecipient();

    Duration publicMailPerRecipientWindow();

    /** SMTP test emails per signed-in user. */
    int smtpTestsPerUser();

    /** SMTP test emails per project, whoever asks. */
    int smtpTestsPerProject();

    Duration smtpTestsWindow();
}
