package io.mailoo.integration.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.support.http.ProblemException;

/**
 * A sliding one-minute window per key, in memory: at most N requests in any 60 seconds, so one user or one leaked
 * form key cannot flood a replica. Each replica counts on its own (see docs/integration-service.md).
 */
@ApplicationScoped
public class RateLimiter {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    /** Counts one request for the key; throws 429 {@code RATE_LIMITED} when the key already had its N. */
    public void acquire(String key, int perMinute) {
        long now = System.nanoTime();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> expired(w, now));
        }
        Deque<Long> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() > WINDOW_NANOS) {
                window.pollFirst();
            }
            if (window.size() >= perMinute) {
                throw new ProblemException(429, "RATE_LIMITED",
                        "Too many requests: at most " + perMinute + " a minute. Try again in a minute.");
            }
            window.addLast(now);
        }
    }

    private static boolean expired(Deque<Long> window, long now) {
        synchronized (window) {
            return window.isEmpty() || now - window.peekLast() > WINDOW_NANOS;
        }
    }
}
