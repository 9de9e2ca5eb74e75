package io.mailoo.dispatch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The operator API takes no bodies; anything announcing more than MAX_BODY_SIZE (default 16K) is 413
 * REQUEST_TOO_LARGE problem+json (the gateway's code) before it is read or authenticated.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class RequestBodyLimitTest {

    @Test
    void aBodyOverTheLimitIs413ProblemJsonBeforeAuthentication() {
        given().contentType(ContentType.JSON).body("{\"x\":\"" + "y".repeat(16 * 1024) + "\"}")
                .post("/api/v1/dispatch/messages").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("code", equalTo("REQUEST_TOO_LARGE"));
    }

    @Test
    void smallRequestsReachTheOperatorApi() {
        String operator = TestKeys.token("ops-limit", "ops-limit@mailoo.test", Set.of("operator"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"x\":\"" + "y".repeat(1024) + "\"}")
                .get("/api/v1/dispatch/messages").then().statusCode(200);
    }
}
