package io.mailoo.offer.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.support.ratelimit.KeyedTokenBuckets;
import io.mailoo.offer.config.OfferConfig;

/**
 * Per-generator token bucket for the public route: {@code submissionsPerMinute} tokens, refilled continuously, so
 * one busy (or abused) wizard cannot flood its own SMTP relay or the others'. Per replica, in memory.
 */
@ApplicationScoped
public class SubmissionRateLimiter {

    private final KeyedTokenBuckets<UUID> buckets;
    private final int perMinute;

    @Inject
    public SubmissionRateLimiter(OfferConfig config) {
        this(config.submissionsPerMinute(), Clock.systemUTC());
    }

    SubmissionRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.buckets = new KeyedTokenBuckets<>(perMinute, () -> clock.millis() * 1_000_000L);
    }

    /** Takes a token; false when the generator is over its rate. */
    public boolean tryAcquire(UUID generatorId) {
        return buckets.take(generatorId) == 0;
    }

    /** Seconds until the next token, for Retry-After. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / Math.max(1, perMinute)));
    }
}
