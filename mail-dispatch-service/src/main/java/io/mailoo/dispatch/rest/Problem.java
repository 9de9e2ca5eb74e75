package io.mailoo.dispatch.rest;

/** RFC 9457 problem details with Mailoo's stable {@code code}. */
public record Problem(String type, String title, int status, String code, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://mailoo.dev/problems/" + code.toLowerCase().replace('_', '-'), title, status, code,
                detail);
    }
}
