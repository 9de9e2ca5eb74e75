package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.testsupport.ServiceProcess;
import io.mailoo.testsupport.TestDatabases;
import io.mailoo.testsupport.TestKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The SMTP test route's limits hold across replicas: the packaged service runs twice (two HTTP ports, one
 * database, low limits), and test requests alternate between the two. Invalid settings are enough: the limits are
 * counted before any work, so no dispatcher is needed.
 */
class SmtpTestLimitAcrossReplicasIT {

    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void start() {
        String database = TestDatabases.createIfMissing("mailoo_integration_it"
                + System.getenv().getOrDefault("MAILOO_TEST_DB_SUFFIX", ""));
        Map<String, String> env = ServiceProcess.testEnvironment(database);
        env.put("SMTP_TESTS_PER_USER", "4");
        env.put("SMTP_TESTS_PER_PROJECT", "2");
        env.put("SMTP_TESTS_WINDOW", "PT1H");
        first = ServiceProcess.start("integration-service", "integration-it-a", env, Duration.ofSeconds(180));
        second = ServiceProcess.start("integration-service", "integration-it-b", env, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void theUserAndProjectLimitsHoldAcrossBothProcesses() {
        // fresh ids each run: the database (and its counters) outlives a run
        String user = "it-owner-" + UUID.randomUUID();
        String token = TestKeys.token(user, "owner@users.test", Set.of("user"));
        String projectA = project(first, token, "A");
        String formA = form(first, token, projectA);
        String projectB = project(second, token, "B");
        String formB = form(second, token, projectB);

        test(first, token, projectA, formA).then().statusCode(422);
        test(second, token, projectA, formA).then().statusCode(422);
        tooMany(test(first, token, projectA, formA), "smtp-test-project");
        test(second, token, projectB, formB).then().statusCode(422);
        tooMany(test(first, token, projectB, formB), "smtp-test-user");
        tooMany(test(second, token, projectB, formB), "smtp-test-user");
    }

    private static void tooMany(Response response, String limit) {
        response.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesRegex("[1-9][0-9]*"))
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString(limit));
    }

    private static Response test(ServiceProcess service, String token, String project, String form) {
        return given().baseUri("http://127.0.0.1:" + service.port()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("outboundMail", Map.of("host", "", "port", 587, "security", "STARTTLS",
                        "fromAddress", "hello@example.test")))
                .post("/api/v1/projects/" + project + "/integrations/" + form + "/outbound-mail/test");
    }

    private static String project(ServiceProcess service, String token, String name) {
        return given().baseUri("http://127.0.0.1:" + service.port()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/projects")
                .then().statusCode(201).extract().path("projectUid");
    }

    private static String form(ServiceProcess service, String token, String project) {
        return given().baseUri("http://127.0.0.1:" + service.port()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(Map.of("type", "FORM", "name", "Form"))
                .post("/api/v1/projects/" + project + "/integrations").then().statusCode(201).extract().path("id");
    }

}
