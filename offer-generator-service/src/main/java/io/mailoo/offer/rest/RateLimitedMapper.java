package io.mailoo.offer.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.mailoo.offer.service.RateLimitedException;
import io.mailoo.support.http.Problem;

/** 429 as problem+json with a Retry-After header (ProblemException carries no headers). */
public class RateLimitedMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(Problem.of(429, "RATE_LIMITED", "Too Many Requests", e.getMessage(), null)).build();
    }
}
