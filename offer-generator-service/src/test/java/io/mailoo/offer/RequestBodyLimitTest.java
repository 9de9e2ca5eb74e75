package io.mailoo.offer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * offer-generator-service's own body limit (MAX_BODY_SIZE, default 256K): a public submission announcing more is
 * 413 REQUEST_TOO_LARGE (the gateway's code) before it is read; one under it reaches the service.
 */
@QuarkusTest
@TestProfile(RequestBodyLimitTest.SmallLimit.class)
class RequestBodyLimitTest {

    static final int LIMIT = 32 * 1024;

    /** A small limit so the test sends little; the default is in application.properties. */
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("quarkus.http.limits.max-body-size", Integer.toString(LIMIT));
        }
    }

    private static String submission(int bytes) {
        String head = "{\"customer\":{\"email\":\"visitor@example.test\"},\"answers\":{\"note\":\"";
        return head + "x".repeat(bytes - head.length() - 3) + "\"}}";
    }

    @Test
    void aSubmissionOverTheLimitIs413ProblemJson() {
        given().contentType(ContentType.JSON).body(submission(LIMIT + 1))
                .post("/api/v1/public/offer-generators/00000000-0000-0000-0000-000000000000/submissions").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413))
                .body("code", equalTo("REQUEST_TOO_LARGE"));
    }

    @Test
    void aSubmissionUnderTheLimitIsReadByTheService() {
        given().contentType(ContentType.JSON).body(submission(LIMIT - 16))
                .post("/api/v1/public/offer-generators/00000000-0000-0000-0000-000000000000/submissions").then()
                .statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("OFFER_GENERATOR_NOT_FOUND"));
    }
}
