package io.mailoo.dispatch.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns ProblemException into an application/problem+json response. */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response map(ProblemException e) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.status(), e.code(), Response.Status.fromStatusCode(e.status()).getReasonPhrase(),
                        e.getMessage()))
                .build();
    }
}
