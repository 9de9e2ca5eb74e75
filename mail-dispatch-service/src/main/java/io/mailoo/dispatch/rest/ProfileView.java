package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.util.Map;

/**
 * A profile's dispatch state for operators: configured or not, suspension, counts by status, last error, and how
 * many recipients its suppression list holds (the number only; owners see the addresses), and its OAuth2 grant
 * (null for a password login or none).
 */
public record ProfileView(String profileRef, boolean configured, boolean removed, Long version, String host,
        Integer port, String security, boolean suspended, Instant suspendedAt, int consecutiveAuthFailures,
        Map<String, Long> counts, MessageView lastError, long suppressedRecipients, OAuthGrantView oauth2) {
}
