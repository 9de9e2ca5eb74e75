package io.mailoo.market.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.mailoo.market.service.RateLimitedException;
import io.mailoo.support.http.Problem;

/** 429 as application/problem+json, with Retry-After so a retrying integrator knows when to come back. */
public class RateLimitedMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds())
                .entity(Problem.of(429, "RATE_LIMITED", "Too Many Requests", e.getMessage(), null)).build();
    }
}
