package io.mailoo.support.ratelimit;

/**
 * The sliding-window estimate over two fixed windows (the previous window's count weighted by how much of it still
 * overlaps the last {@code window}): no burst of twice the limit at a window boundary, and only two counters a key.
 */
final class SlidingWindow {

    private SlidingWindow() {
    }

    /**
     * @param previous hits in the previous window
     * @param current  hits in the current window, not counting the one asked for
     * @param elapsed  fraction of the current window already gone, in [0, 1)
     */
    static boolean allows(long previous, long current, double elapsed, int limit) {
        return previous * (1 - elapsed) + current + 1 <= limit + 1e-9;
    }

    /** Milliseconds until {@link #allows} holds if nothing else arrives; 0 when it holds now. */
    static long millisUntilAllowed(long previous, long current, double elapsed, int limit, long windowMillis) {
        if (allows(previous, current, elapsed, limit)) {
            return 0;
        }
        if (current + 1 <= limit) {
            // the previous window's weight must fall to what is left
            double until = 1 - (limit - current - 1) / (double) previous;
            return ceilMillis((until - elapsed) * windowMillis);
        }
        // the current window becomes the previous one; its weight must fall likewise
        double until = 1 - (limit - 1) / (double) current;
        return ceilMillis((1 - elapsed + until) * windowMillis);
    }

    /** Ceiling that ignores floating-point noise below a microsecond. */
    private static long ceilMillis(double millis) {
        return (long) Math.ceil(millis - 1e-3);
    }
}
