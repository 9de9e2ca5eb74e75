package io.mailoo.support.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory (so per replica): up to {@code perMinute} requests at once, refilled evenly
 * over the minute. Shared by the public and integrator routes that limit per API key or per generator.
 */
public final class KeyedTokenBuckets<K> {

    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final LongSupplier nanoClock;

    /** @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime} */
    public KeyedTokenBuckets(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one is available (taking none). */
    public long take(K key) {
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now)).take(now, perMinute);
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long take(long now, int perMinute) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
