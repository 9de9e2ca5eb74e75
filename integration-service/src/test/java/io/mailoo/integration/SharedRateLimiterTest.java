package io.mailoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.support.Database;
import io.mailoo.integration.support.NoDispatch;
import io.mailoo.support.http.RateLimitedException;
import io.mailoo.support.ratelimit.RateLimit;
import io.mailoo.support.ratelimit.SharedRateLimiter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/** service-support's SharedRateLimiter against this service's real PostgreSQL (its first user). */
@QuarkusTest
@TestProfile(NoDispatch.class)
class SharedRateLimiterTest {

    private static final RateLimit FIVE_AN_HOUR = new RateLimit("limiter-test", 5, Duration.ofHours(1));

    @Inject
    SharedRateLimiter limiter;

    @Test
    void theLimitHoldsThenRefusesWithRetryAfterWithoutCountingTheRefusal() {
        String key = "user-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            limiter.acquire(FIVE_AN_HOUR, key).await().atMost(Duration.ofSeconds(10));
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> limiter.acquire(FIVE_AN_HOUR, key).await().atMost(Duration.ofSeconds(10)));
        assertEquals(429, refused.status());
        assertEquals("RATE_LIMITED", refused.code());
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 7200,
                "Retry-After " + refused.retryAfterSeconds());
        assertThrows(RateLimitedException.class,
                () -> limiter.acquire(FIVE_AN_HOUR, key).await().atMost(Duration.ofSeconds(10)));
        assertEquals(List.of("5"), Database.column("select sum(hits) from rate_limit_counter where bucket = "
                + "encode(sha256(convert_to(? || chr(10) || ?, 'UTF8')), 'hex')", FIVE_AN_HOUR.name(), key),
                "refusals are not counted");

        limiter.acquire(FIVE_AN_HOUR, "another-" + key).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void concurrentRequestsNeverPassMoreThanTheLimit() {
        String key = "burst-" + UUID.randomUUID();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Uni<Void>> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(limiter.acquire(FIVE_AN_HOUR, key).invoke(passed::incrementAndGet)
                    .onFailure(RateLimitedException.class).recoverWithItem(() -> {
                        refused.incrementAndGet();
                        return null;
                    }));
        }
        Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));
        assertEquals(5, passed.get());
        assertEquals(25, refused.get());
    }

    @Test
    void theTableHoldsDigestsNotTheKeys() {
        String key = "someone@example.test";
        limiter.acquire(FIVE_AN_HOUR, key).await().atMost(Duration.ofSeconds(10));
        List<String> buckets = Database.column("select bucket from rate_limit_counter");
        assertFalse(buckets.isEmpty());
        assertTrue(buckets.stream().allMatch(b -> b.matches("[0-9a-f]{64}")), buckets.toString());
        assertFalse(buckets.stream().anyMatch(b -> b.contains("example")));
    }
}
