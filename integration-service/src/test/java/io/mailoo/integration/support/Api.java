package io.mailoo.integration.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.mailoo.testsupport.TestKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The dashboard's calls, as a given user. Every response body is kept so a suite can check at the end that no
 * secret ever appeared in one.
 */
public final class Api {

    private static final StringBuilder BODIES = new StringBuilder();

    private final String token;

    private Api(String token) {
        this.token = token;
    }

    public static Api as(String userId) {
        return new Api(TestKeys.token(userId, userId + "@users.test", Set.of("user")));
    }

    public static Api asWithoutEmail(String userId) {
        return new Api(TestKeys.token(userId, null, Set.of("user")));
    }

    public static synchronized String allBodies() {
        return BODIES.toString();
    }

    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static Response record(Response response) {
        synchronized (Api.class) {
            BODIES.append(response.asString()).append('\n');
        }
        return response;
    }

    public Response post(String path, Object body) {
        return record(request().body(body).post(path));
    }

    public Response patch(String path, Object body) {
        return record(request().body(body).patch(path));
    }

    public Response get(String path) {
        return record(request().get(path));
    }

    /** Creates a project and returns its uid. */
    public String project(String name) {
        return post("/api/v1/projects", Map.of("name", name)).then().statusCode(201).extract().path("projectUid");
    }

    /** Creates an integration and returns {id, publicKey}. */
    public Map<String, String> integration(String projectUid, String type, String name) {
        Response r = post(integrations(projectUid), Map.of("type", type, "name", name));
        r.then().statusCode(201);
        return Map.of("id", r.path("id"), "publicKey", r.path("publicKey"));
    }

    public void addMember(String projectUid, String userId) {
        post("/api/v1/projects/" + projectUid + "/members", Map.of("userId", userId, "email", userId + "@users.test"))
                .then().statusCode(201);
    }

    public Response saveOutboundMail(String projectUid, String integrationId, Map<String, Object> outboundMail) {
        Map<String, Object> body = new HashMap<>();
        body.put("outboundMail", outboundMail);
        return patch(config(projectUid, integrationId), body);
    }

    public Response testOutboundMail(String projectUid, String integrationId, Map<String, Object> outboundMail) {
        return post(integration(projectUid, integrationId) + "/outbound-mail/test",
                Map.of("outboundMail", outboundMail));
    }

    public Response put(String path, Object body) {
        return record(request().body(body).put(path));
    }

    public static String subscriptions(String publicKey) {
        return "/api/v1/public/forms/" + publicKey + "/subscriptions";
    }

    public static String campaigns(String project, String integration) {
        return integration(project, integration) + "/campaigns";
    }

    public static String subscribers(String project, String integration) {
        return integration(project, integration) + "/subscribers";
    }

    public static String integrations(String projectUid) {
        return "/api/v1/projects/" + projectUid + "/integrations";
    }

    public static String integration(String projectUid, String integrationId) {
        return integrations(projectUid) + "/" + integrationId;
    }

    public static String config(String projectUid, String integrationId) {
        return integration(projectUid, integrationId) + "/config";
    }
}
