package io.mailoo.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;

/**
 * Backoff after a deferral: the quick ladder for network errors and "busy" replies, the slow one for other 4xx,
 * each step with ±20 % jitter so a recovering server is not hit by every deferred mail at once.
 */
@ApplicationScoped
public class RetrySchedule {

    private static final double JITTER = 0.2;

    private final List<Duration> quick;
    private final List<Duration> slow;

    @Inject
    public RetrySchedule(DispatchSettings settings) {
        this(settings.quickRetryLadder(), settings.slowRetryLadder());
    }

    RetrySchedule(List<Duration> quick, List<Duration> slow) {
        this.quick = List.copyOf(quick);
        this.slow = List.copyOf(slow);
    }

    /** @param attemptsMade attempts so far, the one that was just deferred included (1 for the first) */
    public Instant nextAttempt(RetryLadder ladder, int attemptsMade, Instant now) {
        return now.plus(jittered(delay(ladder, attemptsMade)));
    }

    Duration delay(RetryLadder ladder, int attemptsMade) {
        List<Duration> steps = ladder == RetryLadder.SLOW ? slow : quick;
        int index = Math.max(0, Math.min(attemptsMade - 1, steps.size() - 1));
        return steps.get(index);
    }

    private static Duration jittered(Duration base) {
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
