package io.mailoo.offer.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.mailoo.support.audit.AuditActor;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in user of a dashboard request: JWT {@code sub} and {@code email}, and where the request came from. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServerRequest request;

    public String id() {
        return jwt.getSubject();
    }

    public String email() {
        Object email = jwt.getClaim("email");
        return email == null ? null : email.toString();
    }

    /** Who, for the SMTP settings audit trail; the client address as Quarkus' proxy forwarding reports it. */
    public AuditActor actor() {
        var remote = request.remoteAddress();
        return new AuditActor(id(), email(), remote == null ? null : remote.hostAddress());
    }
}
