package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, the OpenAPI document of both audiences, and the metrics endpoint. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessReportsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesOwnerAndIntegratorRoutes() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/market/{integrationId}/orders"))
                .body(containsString("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/api-keys"))
                .body(containsString("Idempotency-Key"));
    }

    @Test
    void metricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
