package io.mailoo.dispatch.service;

/**
 * Token bucket for a profile's messagesPerMinute: bursts of up to three seconds' worth (a twentieth of the rate),
 * then the steady rate, so no 60 s window holds more than 1.05 × messagesPerMinute sends.
 * Not thread-safe: each lane uses its own from its own event-loop context.
 */
final class SendRateLimiter {

    /** The burst is messagesPerMinute / 20: a window of 60 s can hold the burst plus one minute of refill. */
    static final int BURST_DIVISOR = 20;

    private double tokens = -1;
    private long lastRefillMillis;
    private int perMinute;

    /** Takes a token and returns 0, or returns how many ms until one is available without taking it. */
    long tryAcquire(long nowMillis, int messagesPerMinute) {
        double capacity = Math.max(1.0, messagesPerMinute / (double) BURST_DIVISOR);
        if (tokens < 0 || perMinute != messagesPerMinute) {
            perMinute = messagesPerMinute;
            tokens = capacity;
            lastRefillMillis = nowMillis;
        }
        double perMilli = messagesPerMinute / 60_000.0;
        tokens = Math.min(capacity, tokens + (nowMillis - lastRefillMillis) * perMilli);
        lastRefillMillis = nowMillis;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) / perMilli));
    }
}
