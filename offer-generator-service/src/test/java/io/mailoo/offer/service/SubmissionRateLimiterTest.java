package io.mailoo.offer.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void eachGeneratorHasItsOwnBucketThatRefillsOverTheMinute() {
        MutableClock clock = new MutableClock();
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(2, clock);
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        assertTrue(limiter.tryAcquire(busy));
        assertTrue(limiter.tryAcquire(busy));
        assertFalse(limiter.tryAcquire(busy));
        assertTrue(limiter.tryAcquire(quiet), "another generator is not affected");
        clock.now = clock.now.plus(Duration.ofSeconds(30)); // 2 per minute: one token back after 30 s
        assertTrue(limiter.tryAcquire(busy));
        assertFalse(limiter.tryAcquire(busy));
    }
}
