package io.mailoo.integration.service;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.integration.config.LimitsConfig;
import io.mailoo.support.http.RateLimitedException;
import io.mailoo.support.ratelimit.RateLimit;
import io.mailoo.support.ratelimit.SharedRateLimiter;
import io.smallrye.mutiny.Uni;

/**
 * This service's limits on the shared limiter. Every call is one auto-committed statement: call them outside a
 * Hibernate transaction, so a count stands even when the request then fails.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    SharedRateLimiter limiter;

    @Inject
    LimitsConfig config;

    /** A public post for an integration whose publicKey resolved (so random keys cost no counter). */
    public Uni<Void> publicPost(String integrationId) {
        return limiter.acquire(new RateLimit("public-form", config.publicRequestsPerMinute(), Duration.ofMinutes(1)),
                integrationId);
    }

    /** True when the recipient may get one more public-triggered mail (and counts it), false when capped. */
    public Uni<Boolean> publicMailTo(String address) {
        return limiter.acquire(new RateLimit("public-mail-recipient", config.publicMailPerRecipient(),
                config.publicMailPerRecipientWindow()), address.toLowerCase(Locale.ROOT))
                .replaceWith(true)
                .onFailure(RateLimitedException.class).recoverWithItem(false);
    }

    public Uni<Void> smtpTestByUser(String userId) {
        return limiter.acquire(new RateLimit("smtp-test-user", config.smtpTestsPerUser(), config.smtpTestsWindow()),
                userId);
    }

    public Uni<Void> smtpTestInProject(String projectId) {
        return limiter.acquire(new RateLimit("smtp-test-project", config.smtpTestsPerProject(),
                config.smtpTestsWindow()), projectId);
    }
}
