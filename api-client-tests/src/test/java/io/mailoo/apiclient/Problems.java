package io.mailoo.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mailoo.client.mailoo.ApiException;
import io.mailoo.client.mailoo.model.Problem;

/** An error answer read the way a client of the document reads it: the ApiException's body as the Problem model. */
final class Problems {

    interface Call {
        void run() throws Exception;
    }

    private Problems() {
    }

    static Problem expect(int status, String code, Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return check(status, code, e.getCode(), e.getResponseHeaders().firstValue("Content-Type").orElse(""),
                    e.getResponseBody(), Clients.mailoo("http://unused", null).getObjectMapper());
        } catch (io.mailoo.client.integrator.ApiException e) {
            return check(status, code, e.getCode(), e.getResponseHeaders().firstValue("Content-Type").orElse(""),
                    e.getResponseBody(), Clients.mailoo("http://unused", null).getObjectMapper());
        } catch (Exception e) {
            throw new AssertionError("expected " + status + " " + code + ", got " + e, e);
        }
        return fail("expected " + status + " " + code + ", the call succeeded");
    }

    private static Problem check(int status, String code, int got, String type, String body,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        assertEquals(status, got, () -> "status; body: " + body);
        assertTrue(type.startsWith("application/problem+json"), () -> "Content-Type " + type + " for " + body);
        Problem problem;
        try {
            problem = mapper.readValue(body, Problem.class);
        } catch (Exception e) {
            throw new AssertionError("the " + status + " body is not the Problem model: " + body, e);
        }
        assertEquals(code, problem.getCode(), () -> "code; body: " + body);
        assertEquals(status, problem.getStatus(), "status in the body");
        assertNotNull(problem.getTitle(), "title");
        assertNotNull(problem.getType(), "type");
        return problem;
    }
}
