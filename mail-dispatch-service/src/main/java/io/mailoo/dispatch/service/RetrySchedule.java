package io.mailoo.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;

/**
 * Backoff after a deferral: the quick ladder for network errors and "busy" replies, the slow one for other 4xx,
 * each step with ±20 % jitter so a recovering server is not hit by every deferred mail at once.
 */
@ApplicationScoped
public class RetrySchedule {

    static final List<Duration> QUICK = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15));
    static final List<Duration> SLOW = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(20), Duration.ofMinutes(30));
    private static final double JITTER = 0.2;

    /** @param attemptsMade attempts so far, the one that was just deferred included (1 for the first) */
    public Instant nextAttempt(RetryLadder ladder, int attemptsMade, Instant now) {
        return now.plus(jittered(delay(ladder, attemptsMade)));
    }

    static Duration delay(RetryLadder ladder, int attemptsMade) {
        List<Duration> steps = ladder == RetryLadder.SLOW ? SLOW : QUICK;
        int index = Math.max(0, Math.min(attemptsMade - 1, steps.size() - 1));
        return steps.get(index);
    }

    private static Duration jittered(Duration base) {
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
