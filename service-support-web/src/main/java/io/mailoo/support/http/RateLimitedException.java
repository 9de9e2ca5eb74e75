package io.mailoo.support.http;

import java.util.List;


/** 429 {@code RATE_LIMITED}; the problem mapper adds {@code Retry-After} with {@link #retryAfterSeconds()}. */
public class RateLimitedException extends ProblemException {

    public static final String CODE = "RATE_LIMITED";

    public RateLimitedException(long retryAfterSeconds, String detail) {
        super(429, CODE, detail, List.of(), Math.max(1, retryAfterSeconds));
    }
}
