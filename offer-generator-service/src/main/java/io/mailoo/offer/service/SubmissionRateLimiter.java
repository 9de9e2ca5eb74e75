package io.mailoo.offer.service;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.offer.config.OfferConfig;

/**
 * Per-generator token bucket for the public route: {@code submissionsPerMinute} tokens, refilled continuously, so
 * one busy (or abused) wizard cannot flood its own SMTP relay or the others'. Per replica, in memory.
 */
@ApplicationScoped
public class SubmissionRateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;

    @Inject
    public SubmissionRateLimiter(OfferConfig config) {
        this(config.submissionsPerMinute(), Clock.systemUTC());
    }

    SubmissionRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes a token; false when the generator is over its rate. */
    public boolean tryAcquire(UUID generatorId) {
        long now = clock.millis();
        return buckets.computeIfAbsent(generatorId, id -> new Bucket(perMinute, now)).take(now, perMinute);
    }

    /** Seconds until the next token, for Retry-After. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / Math.max(1, perMinute)));
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(long now, int perMinute) {
            tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
