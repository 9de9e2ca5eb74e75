package io.mailoo.market.service;

import java.util.UUID;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.market.config.MarketSettings;
import io.mailoo.support.http.RateLimitedException;
import io.mailoo.support.ratelimit.memory.KeyedTokenBuckets;

/**
 * A token bucket per API key and replica: up to {@code ordersPerKeyPerMinute} at once, refilled evenly over the
 * minute. Integrator servers retry, so a burst is answered 429 with the seconds until the next token. This path is
 * hot (every order) and a per-replica budget is acceptable for it, so it stays in memory rather than costing a
 * PostgreSQL round trip per order; the 429 itself is the shared {@link RateLimitedException}.
 */
@ApplicationScoped
public class ApiKeyRateLimiter {

    private final KeyedTokenBuckets<UUID> buckets;

    @Inject
    public ApiKeyRateLimiter(MarketSettings settings) {
        this(settings.ordersPerKeyPerMinute(), System::nanoTime);
    }

    ApiKeyRateLimiter(int perMinute, LongSupplier nanoClock) {
        this.buckets = new KeyedTokenBuckets<>(perMinute, nanoClock);
    }

    /** Takes a token or throws {@link RateLimitedException}. */
    public void acquire(UUID keyId) {
        buckets.acquire(keyId, "Too many orders for this API key");
    }
}
