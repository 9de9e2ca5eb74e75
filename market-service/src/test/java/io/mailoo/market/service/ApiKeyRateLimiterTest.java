package io.mailoo.market.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.mailoo.support.http.RateLimitedException;

class ApiKeyRateLimiterTest {

    private final AtomicLong now = new AtomicLong(0);
    private final ApiKeyRateLimiter limiter = new ApiKeyRateLimiter(60, now::get);

    @Test
    void aBurstUpToTheLimitPassesThenRetryAfterNamesTheNextToken() {
        UUID key = UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            limiter.acquire(key);
        }
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire(key));
        assertEquals(1, e.retryAfterSeconds());
        now.addAndGet(1_000_000_000L); // one token per second at 60/min
        assertDoesNotThrow(() -> limiter.acquire(key));
        assertThrows(RateLimitedException.class, () -> limiter.acquire(key));
    }

    @Test
    void keysHaveSeparateBuckets() {
        UUID a = UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            limiter.acquire(a);
        }
        assertDoesNotThrow(() -> limiter.acquire(UUID.randomUUID()));
    }
}
