package io.mailoo.support.http;

import java.util.List;

import io.mailoo.contracts.smtp.FieldError;

/** An error answered as application/problem+json with a stable code (and optional field errors). */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ProblemException(int status, String code, String detail, List<FieldError> errors) {
        this(status, code, detail, errors, 0);
    }

    /** An answer that says when to come back: the mapper adds {@code Retry-After} when the seconds are positive. */
    protected ProblemException(int status, String code, String detail, List<FieldError> errors,
            long retryAfterSeconds) {
        super(detail);
        if (status == 429 && retryAfterSeconds <= 0) {
            // every 429 says when to come back: RateLimitedException is the one way to answer it
            throw new IllegalArgumentException("a 429 needs Retry-After: throw RateLimitedException");
        }
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 the client should repeat after {@code retryAfterSeconds} (at least 1). */
    public static ProblemException retryLater(String code, String detail, long retryAfterSeconds) {
        return new ProblemException(503, code, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    /** 422 for invalid fields; the code is the first field's when there is one. */
    public static ProblemException invalid(List<FieldError> errors) {
        String code = errors.size() == 1 ? errors.get(0).code() : "VALIDATION_FAILED";
        return new ProblemException(422, code, errors.size() == 1 ? errors.get(0).message()
                : "Some fields are invalid; see errors.", errors);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds for the {@code Retry-After} header; 0 = none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
