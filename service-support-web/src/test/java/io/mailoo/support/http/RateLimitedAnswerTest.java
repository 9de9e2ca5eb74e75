package io.mailoo.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** Every 429 a service answers is the one problem+json RATE_LIMITED with a Retry-After in whole seconds. */
class RateLimitedAnswerTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aRateLimitedExceptionIs429ProblemJsonWithRetryAfter() {
        Response response = mappers.problem(new RateLimitedException(7, "Too many orders for this API key"));
        assertEquals(429, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("7", response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertEquals("RATE_LIMITED", problem.code());
        assertEquals(429, problem.status());
        assertEquals("Too many orders for this API key", problem.detail());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertEquals("1", mappers.problem(new RateLimitedException(0, "soon")).getHeaderString("Retry-After"));
    }

    @Test
    void a429WithoutRetryAfterCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new ProblemException(429, "RATE_LIMITED", "no wait"));
    }

    @Test
    void aLibrarys429AlsoLeavesAsRateLimitedWithRetryAfter() {
        Response bare = mappers.webApplication(new WebApplicationException(429));
        assertEquals(429, bare.getStatus());
        assertEquals("1", bare.getHeaderString("Retry-After"));
        assertEquals("RATE_LIMITED", ((Problem) bare.getEntity()).code());
        Response told = mappers.webApplication(new WebApplicationException(
                Response.status(429).header("Retry-After", "30").build()));
        assertEquals("30", told.getHeaderString("Retry-After"));
    }
}
