package io.mailoo.integration.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.mailoo.support.http.Problem;
import io.quarkus.security.AuthenticationFailedException;

/**
 * A missing, expired or badly signed token answers 401 problem+json (auth is not proactive, so the failure reaches
 * the REST layer instead of leaving as an empty 401).
 */
public class AuthProblemMapper {

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "UNAUTHORIZED", "Unauthorized", "Sign in: send a valid bearer token.", null))
                .build();
    }
}
