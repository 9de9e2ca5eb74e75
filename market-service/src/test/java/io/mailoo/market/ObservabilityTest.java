package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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

    /** The consumers' lag is kept for the alerts and the dashboard; the Kafka clients' other meters are not scraped. */
    @Test
    void ofTheKafkaClientMetersOnlyTheConsumerLagIsScraped() {
        String lag = "kafka_consumer_fetch_manager_records_lag_max{";
        // the consumers' meters appear once they are bound: one scrape that has the lag is then read whole
        List<String> kafkaSeries = await().atMost(Duration.ofSeconds(30)).until(this::kafkaSeries,
                series -> series.stream().anyMatch(line -> line.startsWith(lag)));
        assertFalse(kafkaSeries.isEmpty());
        assertTrue(kafkaSeries.stream().allMatch(line -> line.startsWith(lag)), () -> String.join("\n", kafkaSeries));
    }

    private List<String> kafkaSeries() {
        return given().get("/q/metrics").asString().lines().filter(line -> line.startsWith("kafka_")).toList();
    }
}
