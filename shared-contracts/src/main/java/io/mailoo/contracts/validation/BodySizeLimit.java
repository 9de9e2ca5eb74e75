package io.mailoo.contracts.validation;

/**
 * The one rule for request bodies over a service's {@code quarkus.http.limits.max-body-size}: refused from the
 * announced Content-Length before a byte is read, as 413 with the gateway's own problem code, so a client sees the
 * same answer whether the gateway or the service stopped it.
 */
public final class BodySizeLimit {

    public static final int STATUS = 413;
    public static final String CODE = "REQUEST_TOO_LARGE";
    public static final String TITLE = "Content Too Large";

    private BodySizeLimit() {
    }

    /** True when the Content-Length header value announces more than {@code limit} bytes. */
    public static boolean exceeded(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }

    public static String detail(long limit) {
        return "The request body is larger than " + limit + " bytes.";
    }
}
