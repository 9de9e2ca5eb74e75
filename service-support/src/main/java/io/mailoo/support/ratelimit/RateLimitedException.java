package io.mailoo.support.ratelimit;

import io.mailoo.support.http.ProblemException;

/** 429 {@code RATE_LIMITED}; the problem mapper adds {@code Retry-After} with {@link #retryAfterSeconds()}. */
public class RateLimitedException extends ProblemException {

    public static final String CODE = "RATE_LIMITED";

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds, String detail) {
        super(429, CODE, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
