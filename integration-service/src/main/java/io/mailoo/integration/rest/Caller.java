package io.mailoo.integration.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user of this request: {@code sub} and the {@code email} claim. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    public String id() {
        return jwt.getSubject();
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
