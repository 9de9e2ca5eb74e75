package io.mailoo.integration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.NoDispatch;
import io.mailoo.testsupport.OpenApiRules;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The OpenAPI document tells the truth (docs/service-conventions.md, *API documents*): its rules, the scheme each
 * route needs, and the answers a generated client relies on (Location, the created models, its Accept header, errors
 * as problem+json whatever the request).
 */
@QuarkusTest
@TestProfile(NoDispatch.class)
class ApiDocumentTest {

    private static final String GENERATED_CLIENT_ACCEPT = "application/json, application/problem+json";

    private static OpenApiRules document() {
        return OpenApiRules.of(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void theDocumentKeepsEveryRule() {
        OpenApiRules document = document();
        assertEquals(List.of(), document.violations());
        // 22 + issue 14's listSmtpProviders, startOutboundMailOAuth, completeOutboundMailOAuth, disconnectOutboundMailOAuth
        assertEquals(26, document.operations().size(), document.operations().toString());
        assertEquals("#/components/schemas/OAuthStart", document.operation("post",
                "/api/v1/projects/{projectUid}/integrations/{integrationId}/outbound-mail/oauth/start")
                .at("/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(document.root().at("/components/schemas/SmtpProfileView/required").toString().contains("\"login\""));
        assertEquals("http://127.0.0.1:8080", document.root().path("servers").path(0).path("url").asText());
        assertEquals("SmtpSettings", document.root().at("/components/schemas/IntegrationConfigChange/properties"
                + "/outboundMail/anyOf/0/$ref").asText().replace("#/components/schemas/", ""));
        assertEquals(List.of("host", "port", "security", "fromAddress").toString(),
                document.root().at("/components/schemas/SmtpSettings/required").toString().replace("\"", "")
                        .replace(",", ", "));
        assertTrue(document.root().at("/components/schemas/SmtpSettings/properties/password/writeOnly").asBoolean());
        assertEquals("#/components/schemas/SmtpProfileView", document.root()
                .at("/components/schemas/IntegrationConfig/properties/outboundMail/anyOf/0/$ref").asText());
        assertTrue(document.root().at("/components/schemas/SmtpProfileView/properties/password").isMissingNode());
        assertEquals("#/components/schemas/ReplyCreated", document.operation("post",
                "/api/v1/projects/{projectUid}/integrations/{integrationId}/messages/{messageId}/replies")
                .at("/responses/202/content/application~1json/schema/$ref").asText());
    }

    @Test
    void publicRoutesNeedNothingAndEveryOtherRouteTheJwt() {
        OpenApiRules document = document();
        assertEquals(List.of(),
                document.schemesOtherThan(path -> path.startsWith("/api/v1/public/") ? Set.of() : Set.of("jwt")));
    }

    @Test
    void createdAnswersSayWhereTheResourceIs() {
        Api owner = Api.as("owner-location");
        Response project = owner.post("/api/v1/projects", Map.of("name", "Located"));
        project.then().statusCode(201);
        String projectUid = project.path("projectUid");
        assertEquals("/api/v1/projects/" + projectUid, URI.create(project.header("Location")).getPath());
        owner.get(URI.create(project.header("Location")).getPath()).then().statusCode(200)
                .body("projectUid", equalTo(projectUid));

        Response integration = owner.post(Api.integrations(projectUid), Map.of("type", "FORM", "name", "Form"));
        integration.then().statusCode(201);
        assertEquals(Api.integration(projectUid, integration.path("id")),
                URI.create(integration.header("Location")).getPath());
        owner.get(URI.create(integration.header("Location")).getPath()).then().statusCode(200)
                .body("id", equalTo(integration.path("id")));
    }

    @Test
    void aReplyAnswersItsDocumentedModel() {
        Api owner = Api.as("owner-reply-model");
        String project = owner.project("Replies");
        Map<String, String> form = owner.integration(project, "CONTACT_FORM", "Contact");
        given().contentType("application/json").body(Map.of("email", "asker@example.test", "message", "Hi"))
                .post("/api/v1/public/forms/" + form.get("publicKey") + "/submissions").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.notNullValue());
        String messageId = owner.get(Api.integration(project, form.get("id")) + "/messages").then().statusCode(200)
                .extract().path("[0].id");
        String replies = Api.integration(project, form.get("id")) + "/messages/" + messageId + "/replies";
        owner.post(replies, Map.of("subject", "Re: Hi", "text", "Hello")).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("OUTBOUND_MAIL_NOT_CONFIGURED"));
        owner.saveOutboundMail(project, form.get("id"), Map.of("host", "smtp.example.test", "port", 587,
                "security", "STARTTLS", "fromAddress", "shop@example.test")).then().statusCode(200)
                .body("config.outboundMail.username", equalTo(null))
                .body("config.outboundMail.hasSmtpPassword", equalTo(false));
        owner.post(replies, Map.of("subject", "Re: Hi", "text", "Hello")).then().statusCode(202)
                .body("status", equalTo("QUEUED")).body("replyId", org.hamcrest.Matchers.notNullValue())
                .body("size()", equalTo(2));
    }

    @Test
    void aGeneratedClientsAcceptHeaderIsServedAndErrorsAreProblemsWhateverItSays() {
        Api owner = Api.as("owner-accept");
        owner.request().accept(GENERATED_CLIENT_ACCEPT).body(Map.of("name", "Accepted")).post("/api/v1/projects")
                .then().statusCode(201).contentType("application/json");
        owner.request().accept("application/problem+json").get("/api/v1/projects").then().statusCode(200)
                .contentType("application/json");
        owner.request().accept(GENERATED_CLIENT_ACCEPT).get("/api/v1/projects/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        owner.request().accept("text/html").get("/api/v1/projects").then().statusCode(406)
                .contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void badCredentialsUnknownRoutesAndMethodsAnswerProblems() {
        for (String authorization : List.of("Bearer mk_not-a-jwt", "Bearer ", "Basic b3duZXI6cHc=")) {
            given().header("Authorization", authorization).get("/api/v1/projects").then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        }
        given().get("/api/v1/projects").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
        Api.as("owner-unknown").request().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        Api.as("owner-unknown").request().delete("/api/v1/projects").then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"))
                .body("type", startsWith("https://mailoo.dev/problems/"));
    }
}
