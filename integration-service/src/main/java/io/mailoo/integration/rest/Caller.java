package io.mailoo.integration.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.mailoo.support.audit.AuditActor;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in user of this request: {@code sub} and the {@code email} claim. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServerRequest request;

    public String id() {
        return jwt.getSubject();
    }

    /**
     * Who is asking, for the audit trail. The client address is the peer as Quarkus' proxy forwarding reports it
     * (the gateway's client once forwarding is configured, the gateway itself otherwise).
     */
    public AuditActor actor() {
        var remote = request.remoteAddress();
        return new AuditActor(id(), email(), remote == null ? null : remote.hostAddress());
    }

    /** The address the caller's own mail (test emails) goes to; null when the token has none. */
    public String email() {
        Object email = jwt.getClaim("email");
        if (email instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return email == null ? null : email.toString();
    }
}
