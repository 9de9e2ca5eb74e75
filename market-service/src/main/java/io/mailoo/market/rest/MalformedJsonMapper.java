package io.mailoo.market.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.mailoo.support.http.Problem;
import io.mailoo.support.http.ProblemMappers;

/**
 * Quarkus REST's Jackson reader wraps a body that is not JSON (or not of the expected shape) in a 400
 * WebApplicationException, so service-support's JsonProcessingException mapper never sees it and the client got
 * the generic BAD_REQUEST. This mapper runs first and restores the stable MALFORMED_JSON code; every other
 * WebApplicationException is answered exactly as service-support does. A value of the wrong type (e.g. a fraction
 * for a quantity) arrives as Jackson's MismatchedInputException, which Quarkus maps itself (400 with its own
 * body) ahead of service-support's more general mapper; it gets MALFORMED_JSON too.
 */
public class MalformedJsonMapper {

    private final ProblemMappers shared = new ProblemMappers();

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return malformed();
            }
        }
        return shared.webApplication(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return malformed();
    }

    private static Response malformed() {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of(400, "MALFORMED_JSON", "Bad Request",
                "The request body is not valid JSON of the expected shape.", null)).build();
    }
}
