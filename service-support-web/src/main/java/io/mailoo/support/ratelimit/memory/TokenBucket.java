package io.mailoo.support.ratelimit.memory;

/**
 * One token bucket: holds up to {@code capacity} tokens and refills at {@code perMinute}, evenly. The in-memory
 * limiters share this arithmetic: {@link KeyedTokenBuckets} (per-key HTTP limits answered with a 429) and
 * mail-dispatch's per-profile send pacing. Not thread-safe: the owner serialises calls.
 */
public final class TokenBucket {

    private double tokens = -1;
    private long lastNanos;
    private double capacity;
    private int perMinute;

    /**
     * Takes a token and returns 0, or returns the nanoseconds until one is available (taking none). The first call,
     * and any call with another capacity or rate (a profile's limit was changed), starts from a full bucket.
     *
     * @param nowNanos a monotonic clock in nanoseconds
     */
    public long take(long nowNanos, double capacity, int perMinute) {
        if (tokens < 0 || this.capacity != capacity || this.perMinute != perMinute) {
            this.capacity = capacity;
            this.perMinute = perMinute;
            tokens = capacity;
            lastNanos = nowNanos;
        }
        double perNano = perMinute / 60e9;
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
}
