package io.mailoo.offer.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user of a dashboard request: JWT {@code sub} and {@code email}. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    public String id() {
        return jwt.getSubject();
    }

    public String email() {
        Object email = jwt.getClaim("email");
        return email == null ? null : email.toString();
    }
}
