package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    @Test
    void allowsABurstOfTenSecondsThenTheSteadyRate() {
        SendRateLimiter limiter = new SendRateLimiter();
        long t = 1_000_000;
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryAcquire(t, 60), "burst token " + i);
        }
        long wait = limiter.tryAcquire(t, 60);
        assertTrue(wait > 0 && wait <= 1000, "wait " + wait);
        assertEquals(0, limiter.tryAcquire(t + wait, 60));
        assertTrue(limiter.tryAcquire(t + wait, 60) > 0);
    }

    @Test
    void aVerySlowProfileStillGetsOneMessage() {
        SendRateLimiter limiter = new SendRateLimiter();
        assertEquals(0, limiter.tryAcquire(0, 1));
        long wait = limiter.tryAcquire(0, 1);
        assertTrue(wait > 59_000 && wait <= 60_000, "wait " + wait);
    }
}
