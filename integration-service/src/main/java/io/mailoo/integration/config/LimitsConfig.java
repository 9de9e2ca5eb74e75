package io.mailoo.integration.config;

import io.smallrye.config.ConfigMapping;

/** Per-minute request limits (a fixed one-minute window per key). */
@ConfigMapping(prefix = "mailoo.limits")
public interface LimitsConfig {

    /** SMTP test emails per signed-in user. */
    int smtpTestsPerMinute();

    /** Public submissions and subscriptions per integration publicKey. */
    int publicRequestsPerMinute();
}
