package io.mailoo.systemtests;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.mailoo.testsupport.ServiceProcess;
import io.mailoo.testsupport.TestKeys;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What a dashboard user does, straight against a service process (the gateway is not part of these tests). */
final class OwnerApi {

    private final String token;

    OwnerApi() {
        String user = "systest-owner-" + UUID.randomUUID();
        this.token = TestKeys.token(user, user + "@owners.test", Set.of("user"));
    }

    String createProject(ServiceProcess integration) {
        return as(integration).body(Map.of("name", "system test")).post("/api/v1/projects")
                .then().statusCode(201).extract().path("projectUid");
    }

    String createIntegration(ServiceProcess integration, String project, String type) {
        return as(integration).body(Map.of("type", type, "name", "system " + type))
                .post("/api/v1/projects/" + project + "/integrations")
                .then().statusCode(201).extract().path("id");
    }

    /** Saves outboundMail pointing at the given server on loopback, without login. */
    void saveOutboundMail(ServiceProcess integration, String project, String id, int smtpPort, String fromName) {
        Map<String, Object> smtp = new HashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", smtpPort);
        smtp.put("security", "NONE");
        smtp.put("username", null);
        smtp.put("fromAddress", "shop@shop.test");
        smtp.put("fromName", fromName);
        smtp.put("replyTo", null);
        Map<String, Object> body = new HashMap<>();
        body.put("outboundMail", smtp);
        as(integration).body(body).patch(config(project, id)).then().statusCode(200);
    }

    void removeOutboundMail(ServiceProcess integration, String project, String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("outboundMail", null);
        as(integration).body(body).patch(config(project, id)).then().statusCode(200);
    }

    /** Adds a product on market-service, retrying while the new integration has not reached it yet. */
    void addProduct(ServiceProcess market, String project, String integrationId, String sku) {
        SystemAwait.untilStatus(201, () -> as(market)
                .body(Map.of("sku", sku, "name", "System mug", "priceMinor", 1250, "currency", "EUR"))
                .post(marketPath(project, integrationId) + "/products"));
    }

    String createApiKey(ServiceProcess market, String project, String integrationId) {
        return as(market).body(Map.of("name", "system")).post(marketPath(project, integrationId) + "/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    private RequestSpecification as(ServiceProcess service) {
        return given().baseUri(SystemStack.url(service)).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    private static String config(String project, String id) {
        return "/api/v1/projects/" + project + "/integrations/" + id + "/config";
    }

    private static String marketPath(String project, String integrationId) {
        return "/api/v1/projects/" + project + "/integrations/" + integrationId + "/market";
    }
}
