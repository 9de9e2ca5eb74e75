package io.mailoo.dispatch.service;

import io.mailoo.support.ratelimit.memory.TokenBucket;

/**
 * A profile's send budget (messagesPerMinute): bursts of up to three seconds' worth (a twentieth of the rate), then
 * the steady rate, so no 60 s window holds more than 1.05 × messagesPerMinute sends. A lane waits for its next token;
 * nobody is answered 429 here. The bucket arithmetic is the shared {@link TokenBucket}.
 * Not thread-safe: each lane uses its own from its own event-loop context.
 */
final class SendRateLimiter {

    /** The burst is messagesPerMinute / 20: a window of 60 s can hold the burst plus one minute of refill. */
    static final int BURST_DIVISOR = 20;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final TokenBucket bucket = new TokenBucket();

    /** Takes a token and returns 0, or returns how many ms until one is available without taking it. */
    long tryAcquire(long nowMillis, int messagesPerMinute) {
        double capacity = Math.max(1.0, messagesPerMinute / (double) BURST_DIVISOR);
        long waitNanos = bucket.take(nowMillis * NANOS_PER_MILLI, capacity, messagesPerMinute);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
    }
}
