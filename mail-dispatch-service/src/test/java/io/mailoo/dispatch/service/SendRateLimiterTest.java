package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    @Test
    void allowsABurstOfThreeSecondsThenTheSteadyRate() {
        SendRateLimiter limiter = new SendRateLimiter();
        long t = 1_000_000;
        for (int i = 0; i < 3; i++) {
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

    /** A sender that takes every token as soon as it is there, for five minutes: no 60 s window over 1.05 × rate. */
    @Test
    void noSixtySecondWindowHoldsMoreThanFivePercentOverTheRate() {
        for (int perMinute : new int[] {20, 60, 120, 600, 6000}) {
            SendRateLimiter limiter = new SendRateLimiter();
            List<Long> sends = new ArrayList<>();
            long t = 0;
            while (t < 300_000) {
                long wait = limiter.tryAcquire(t, perMinute);
                if (wait == 0) {
                    sends.add(t);
                } else {
                    t += wait;
                }
            }
            int most = 0;
            for (int first = 0, last = 0; first < sends.size(); first++) {
                while (last < sends.size() && sends.get(last) < sends.get(first) + 60_000) {
                    last++;
                }
                most = Math.max(most, last - first);
            }
            assertTrue(most <= Math.floor(perMinute * 1.05) + 1, perMinute + "/min: " + most + " in one window");
            assertTrue(most >= perMinute, perMinute + "/min: only " + most + " in the busiest window");
        }
    }
}
