package io.mailoo.support.ratelimit;

import java.time.Duration;

/**
 * A limit: at most {@code limit} requests per {@code window} for one key. {@code name} keeps the counters of
 * different limits apart and appears in the 429's detail.
 */
public record RateLimit(String name, int limit, Duration window) {

    public RateLimit {
        if (limit < 1 || window.toMillis() < 1000) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1 and a window of at least 1 s: " + name);
        }
    }
}
