package io.mailoo.contracts.events;

/** Which entity of which service asked for a mail, so results can be routed back to it. */
public record MailSource(String service, String entityType, String entityId) {
}
