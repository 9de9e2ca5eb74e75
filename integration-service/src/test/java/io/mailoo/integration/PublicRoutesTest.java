package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.integration.support.NoDispatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Public routes without mail: keys that do not resolve cost no limiter state; addresses must be public ones. */
@QuarkusTest
@TestProfile(NoDispatch.class)
class PublicRoutesTest {

    @Test
    void randomKeysCostNoLimiterRowAndAValidKeyStillAnswers() throws Exception {
        Api owner = Api.as("owner-random");
        String project = owner.project("Random keys");
        Map<String, String> form = owner.integration(project, "FORM", "Form");
        long before = counters();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String route = i % 2 == 0 ? "/subscriptions" : "/submissions";
                String email = "x" + i + "@example.test";
                posts.add(pool.submit(() -> given().contentType("application/json").body(Map.of("email", email))
                        .post("/api/v1/public/forms/pk_" + UUID.randomUUID() + route)
                        .then().statusCode(404).body("code", equalTo("FORM_NOT_FOUND"))));
            }
            for (var post : posts) {
                post.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, counters(), "no counter row for a key that does not resolve");
        given().contentType("application/json").body(Map.of("email", "real@example.test"))
                .post("/api/v1/public/forms/" + form.get("publicKey") + "/subscriptions").then().statusCode(201);
        assertEquals(before + 1, counters(), "a resolved key is counted");
    }

    @Test
    void dotlessAndIpLiteralDomainsAreNoPublicAddress() {
        Api owner = Api.as("owner-domains");
        String project = owner.project("Domains");
        Map<String, String> form = owner.integration(project, "FORM", "Form");
        for (String email : List.of("x@localhost", "x@127.0.0.1", "x@[127.0.0.1]", "x@10.0.0.7", "x@mail")) {
            for (String route : List.of("/subscriptions", "/submissions")) {
                given().contentType("application/json").body(Map.of("email", email))
                        .post("/api/v1/public/forms/" + form.get("publicKey") + route).then().statusCode(422)
                        .contentType("application/problem+json").body("code", equalTo("EMAIL_INVALID"))
                        .body("errors[0].field", equalTo("email"));
            }
        }
        owner.get(Api.integration(project, form.get("id")) + "/subscribers").then().body("size()", equalTo(0));
        owner.get(Api.integration(project, form.get("id")) + "/messages").then().body("size()", equalTo(0));
        given().contentType("application/json").body(Map.of("email", "x@mail.example.test"))
                .post("/api/v1/public/forms/" + form.get("publicKey") + "/subscriptions").then().statusCode(201);
    }

    private static long counters() {
        return Long.parseLong(Database.column("select count(*) from rate_limit_counter").get(0));
    }
}
