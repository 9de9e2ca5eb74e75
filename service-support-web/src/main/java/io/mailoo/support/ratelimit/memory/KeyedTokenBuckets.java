package io.mailoo.support.ratelimit.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.mailoo.support.http.RateLimitedException;

/**
 * One {@link TokenBucket} per key, in memory (so per replica): up to {@code perMinute} requests at once, refilled
 * evenly over the minute. For hot routes where a PostgreSQL round trip per request would cost too much (market's
 * orders per API key); {@link #acquire} answers over the rate with the one 429 ({@link RateLimitedException}).
 */
public final class KeyedTokenBuckets<K> {

    private final Map<K, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final LongSupplier nanoClock;

    /** @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime} */
    public KeyedTokenBuckets(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one is available (taking none). */
    public long take(K key) {
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket());
        synchronized (bucket) {
            return bucket.take(nanoClock.getAsLong(), perMinute, perMinute);
        }
    }

    /** Takes a token or throws the 429 {@link RateLimitedException}, whose detail is {@code what} and the wait. */
    public void acquire(K key, String what) {
        long waitNanos = take(key);
        if (waitNanos > 0) {
            long seconds = retryAfterSeconds(waitNanos);
            throw new RateLimitedException(seconds, what + "; retry after " + seconds + " s.");
        }
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
