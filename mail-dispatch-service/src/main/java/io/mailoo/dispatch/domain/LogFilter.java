package io.mailoo.dispatch.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What the delivery log is narrowed to (each part null for "any"): status, purpose, a piece of a recipient's address
 * (case-insensitive), created at or after {@code since}; {@code before} continues a page after its last entry.
 */
public record LogFilter(String status, String purpose, String recipient, Instant since, Cursor before) {

    /** A position in the log: newest first by creation time, then message id. */
    public record Cursor(Instant createdAt, UUID messageId) {
    }
}
