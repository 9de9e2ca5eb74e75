package io.mailoo.support.audit;

/**
 * Who did it and from which client address (the gateway's client as Quarkus' proxy forwarding reports it).
 */
public record AuditActor(String userId, String email, String clientAddress) {
}
