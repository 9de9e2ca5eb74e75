package io.mailoo.dispatch.service;

/**
 * Token bucket for a profile's messagesPerMinute: bursts of up to ten seconds' worth, then the steady rate.
 * Not thread-safe: each lane uses its own from its own event-loop context.
 */
final class SendRateLimiter {

    private double tokens = -1;
    private long lastRefillMillis;
    private int perMinute;

    /** Takes a token and returns 0, or returns how many ms until one is available without taking it. */
    long tryAcquire(long nowMillis, int messagesPerMinute) {
        double capacity = Math.max(1.0, messagesPerMinute / 6.0);
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
