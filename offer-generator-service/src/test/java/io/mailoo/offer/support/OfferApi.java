package io.mailoo.offer.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;


import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.TestKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The HTTP calls the tests make, and integration-service's part: publishing ProjectChanged. Every response body is
 * kept so a suite can check that no secret ever appeared in one.
 */
public final class OfferApi {

    public static final Duration WAIT = Duration.ofSeconds(40);
    private static final List<String> RESPONSES = new ArrayList<>();

    private OfferApi() {
    }

    public static String token(String userId) {
        return TestKeys.token(userId, userId + "@users.test", Set.of("user"));
    }

    public static RequestSpecification as(String userId) {
        return given().auth().oauth2(token(userId)).contentType(ContentType.JSON);
    }

    public static Response keep(Response response) {
        synchronized (RESPONSES) {
            RESPONSES.add(response.asString());
        }
        return response;
    }

    public static List<String> responses() {
        synchronized (RESPONSES) {
            return List.copyOf(RESPONSES);
        }
    }

    /** Publishes the project as integration-service would and waits until this service has projected it. */
    public static String project(KafkaTestClient kafka, String owner, String... members) {
        String projectUid = "p-" + UUID.randomUUID();
        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, "Project of " + owner, owner,
                List.of(members), 1));
        await().atMost(WAIT).until(() -> as(owner).get(generators(projectUid)).statusCode() == 200);
        return projectUid;
    }

    public static String generators(String projectUid) {
        return "/api/v1/projects/" + projectUid + "/offer-generators";
    }

    public static String generator(String projectUid, String generatorId) {
        return generators(projectUid) + "/" + generatorId;
    }

    /**
     * A solar-panel wizard in EUR, base 50.00: plan basic 100.00 / pro 250.00, panels 1..50 at 15.00 each, notes
     * (optional text).
     */
    public static Map<String, Object> wizardGenerator(String marketIntegrationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Solar offer");
        body.put("currency", "EUR");
        body.put("basePriceMinor", 5000);
        if (marketIntegrationId != null) {
            body.put("marketIntegrationId", marketIntegrationId);
        }
        body.put("wizard", Map.of("steps", List.of(
                Map.of("id", "package", "title", "Your package", "fields", List.of(
                        Map.of("id", "plan", "label", "Plan", "type", "CHOICE", "options", List.of(
                                Map.of("id", "basic", "label", "Basic", "priceMinor", 10000),
                                Map.of("id", "pro", "label", "Pro", "priceMinor", 25000))))),
                Map.of("id", "details", "title", "Details", "fields", List.of(
                        Map.of("id", "panels", "label", "Panels", "type", "NUMBER", "min", 1, "max", 50,
                                "unitPriceMinor", 1500),
                        Map.of("id", "notes", "label", "Notes", "type", "TEXT", "required", false))))));
        return body;
    }

    /**
     * Creates the solar generator. A link to a Market integration is accepted once this service has projected the
     * integration, so the creation is retried until then (a refused one creates nothing).
     */
    public static String createGenerator(String owner, String projectUid, String marketIntegrationId) {
        if (marketIntegrationId == null) {
            return keep(as(owner).body(wizardGenerator(null)).post(generators(projectUid)))
                    .then().statusCode(201).extract().path("id");
        }
        Response created = await().atMost(WAIT).until(() -> keep(as(owner).body(wizardGenerator(marketIntegrationId))
                .post(generators(projectUid))), r -> r.statusCode() != 422);
        return created.then().statusCode(201).extract().path("id");
    }

    /** integration-service's part: an integration of the project on mailoo.integrations.v1. */
    public static String integration(KafkaTestClient kafka, String projectUid, String owner, String type,
            long version, String integrationId) {
        String id = integrationId != null ? integrationId : type.toLowerCase() + "-" + UUID.randomUUID();
        kafka.send(Topics.INTEGRATIONS, id, new IntegrationChanged(id, projectUid, owner, List.of(), type,
                type + " integration", "pk-" + id, true, version));
        return id;
    }

    /** Settings on a tenant SMTP server (user {@code offers} with the given password), with branding. */
    public static Map<String, Object> settings(TenantSmtp server, String password, String internalAddress) {
        Map<String, Object> smtp = smtp(server, password);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("smtp", smtp);
        body.put("internalNotificationAddress", internalAddress);
        body.put("branding", Map.of("companyName", "Sunny Roofs", "logoUrl", "https://cdn.sunny.test/logo.png",
                "primaryColor", "#ff6600", "footerText", "Sunny Roofs GmbH, Example Street 1"));
        return body;
    }

    public static Map<String, Object> smtp(TenantSmtp server, String password) {
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", server.port());
        smtp.put("security", "NONE");
        smtp.put("username", "offers");
        if (password != null) {
            smtp.put("password", password);
        }
        smtp.put("fromAddress", "offers@sunny.test");
        smtp.put("fromName", "Sunny Roofs Offers");
        return smtp;
    }

    public static Response putSettings(String owner, String projectUid, String generatorId, Object body) {
        return keep(as(owner).body(body).put(generator(projectUid, generatorId) + "/mail-settings"));
    }

    public static Response submit(String generatorId, Map<String, Object> answers, String customerEmail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answers", answers);
        body.put("customer", Map.of("email", customerEmail, "name", "Zoë Kunde"));
        return keep(given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/public/offer-generators/" + generatorId + "/submissions"));
    }

    public static Map<String, Object> proWithThreePanels() {
        return Map.of("plan", "pro", "panels", 3, "notes", "Roof faces south");
    }
}
