package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(new TestSettings(false));

    @Test
    void laddersFollowTheDesignAndRepeatTheirLastStep() {
        assertEquals(Duration.ofSeconds(10), schedule.delay(RetryLadder.QUICK, 1));
        assertEquals(Duration.ofSeconds(30), schedule.delay(RetryLadder.QUICK, 2));
        assertEquals(Duration.ofMinutes(15), schedule.delay(RetryLadder.QUICK, 5));
        assertEquals(Duration.ofMinutes(15), schedule.delay(RetryLadder.QUICK, 40));
        assertEquals(Duration.ofMinutes(1), schedule.delay(RetryLadder.SLOW, 1));
        assertEquals(Duration.ofMinutes(30), schedule.delay(RetryLadder.SLOW, 9));
    }

    @Test
    void nextAttemptIsJitteredWithinTwentyPercent() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> schedule.nextAttempt(RetryLadder.SLOW, 1, now)).peek(next -> {
                    long ms = Duration.between(now, next).toMillis();
                    assertTrue(ms >= 48_000 && ms <= 72_000, "delay " + ms);
                }).distinct().count();
        assertTrue(distinct > 1, "jitter spreads retries");
    }
}
