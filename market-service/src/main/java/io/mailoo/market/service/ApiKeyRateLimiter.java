package io.mailoo.market.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.market.config.MarketSettings;

/**
 * A token bucket per API key and replica: up to {@code ordersPerKeyPerMinute} at once, refilled evenly over the
 * minute. Integrator servers retry, so a burst is answered 429 with the seconds until the next token.
 */
@ApplicationScoped
public class ApiKeyRateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final LongSupplier nanoClock;

    @Inject
    public ApiKeyRateLimiter(MarketSettings settings) {
        this(settings.ordersPerKeyPerMinute(), System::nanoTime);
    }

    ApiKeyRateLimiter(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** Takes a token or throws {@link RateLimitedException}. */
    public void acquire(UUID keyId) {
        long waitNanos = buckets.computeIfAbsent(keyId, id -> new Bucket(perMinute, nanoClock.getAsLong()))
                .take(nanoClock.getAsLong(), perMinute);
        if (waitNanos > 0) {
            throw new RateLimitedException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 when a token was taken, else the nanoseconds until one is available. */
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
