package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.util.Map;

/** A profile's dispatch state for operators: configured or not, suspension, counts by status, last error. */
public record ProfileView(String profileRef, boolean configured, boolean removed, Long version, String host,
        Integer port, String security, boolean suspended, Instant suspendedAt, int consecutiveAuthFailures,
        Map<String, Long> counts, MessageView lastError) {
}
