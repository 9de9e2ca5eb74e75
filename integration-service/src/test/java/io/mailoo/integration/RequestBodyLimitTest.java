package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * integration-service's own body limit (MAX_BODY_SIZE, default 1M): a body announcing more is 413 REQUEST_TOO_LARGE
 * (the gateway's code) before it is read or authenticated; one just under it reaches the service. No dispatch needed.
 */
@QuarkusTest
@TestProfile(RequestBodyLimitTest.SmallLimit.class)
class RequestBodyLimitTest {

    static final int LIMIT = 64 * 1024;

    /** A small limit so the test sends little; the default (1M) is in application.properties. */
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("quarkus.http.limits.max-body-size", Integer.toString(LIMIT));
        }
    }

    private static String submission(int bytes) {
        String head = "{\"email\":\"visitor@example.test\",\"message\":\"";
        return head + "x".repeat(bytes - head.length() - 2) + "\"}";
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJsonOnPublicAndOwnerRoutes() {
        given().contentType(ContentType.JSON).body(submission(LIMIT + 1))
                .post("/api/v1/public/forms/pk-unknown/submissions").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413))
                .body("code", equalTo("REQUEST_TOO_LARGE")).body("title", notNullValue());
        String owner = TestKeys.token("owner-limit", "owner-limit@users.test", java.util.Set.of("user"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body("{\"name\":\"" + "p".repeat(LIMIT) + "\"}").post("/api/v1/projects").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("REQUEST_TOO_LARGE"));
    }

    @Test
    void aBodyUnderTheLimitIsReadByTheService() {
        given().contentType(ContentType.JSON).body(submission(LIMIT - 16))
                .post("/api/v1/public/forms/pk-unknown/submissions").then().statusCode(not(413))
                .contentType("application/problem+json").body("code", not(equalTo("REQUEST_TOO_LARGE")));
    }
}
