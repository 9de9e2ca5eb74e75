package io.mailoo.offer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.generators;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.proWithThreePanels;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.submit;
import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.OpenApiRules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The OpenAPI document tells the truth (docs/service-conventions.md, *API documents*): its rules (the mail settings
 * are the shared SmtpSettings model, not a Jackson tree), the JWT on the owner's routes and nothing on the public
 * ones, and the answers a generated client relies on (Location, the submission's model, its Accept header, errors as
 * problem+json whatever the request).
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class ApiDocumentTest {

    private static final String GENERATED_CLIENT_ACCEPT = "application/json, application/problem+json";

    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.PROJECTS, Topics.INTEGRATIONS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kafka.close();
    }

    private static OpenApiRules document() {
        return OpenApiRules.of(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void theDocumentKeepsEveryRule() {
        OpenApiRules document = document();
        assertEquals(List.of(), document.violations());
        // 11 + issue 14's startMailSettingsOAuth, completeMailSettingsOAuth, disconnectMailSettingsOAuth
        assertEquals(14, document.operations().size(), document.operations().toString());
        assertEquals("http://127.0.0.1:8080", document.root().path("servers").path(0).path("url").asText());
        assertEquals("#/components/schemas/SmtpSettings",
                document.root().at("/components/schemas/MailSettingsInput/properties/smtp/$ref").asText());
        assertEquals("#/components/schemas/SmtpProfileView",
                document.root().at("/components/schemas/MailSettingsView/properties/smtp/$ref").asText());
        assertTrue(document.root().at("/components/schemas/SmtpSettings/properties/password/writeOnly").asBoolean());
        assertEquals("#/components/schemas/SubmissionCreated", document.operation("post",
                "/api/v1/public/offer-generators/{generatorId}/submissions")
                .at("/responses/201/content/application~1json/schema/$ref").asText());
        assertTrue(document.operation("delete",
                "/api/v1/projects/{projectUid}/offer-generators/{generatorId}/mail-settings").at("/responses/204")
                .isObject());
    }

    @Test
    void publicRoutesNeedNothingAndEveryOtherRouteTheJwt() {
        OpenApiRules document = document();
        assertEquals(List.of(),
                document.schemesOtherThan(path -> path.startsWith("/api/v1/public/") ? Set.of() : Set.of("jwt")));
    }

    @Test
    void aCreatedGeneratorSaysWhereItIsAndASubmissionAnswersItsModel() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        Response created = keep(as(owner).accept(GENERATED_CLIENT_ACCEPT)
                .body(io.mailoo.offer.support.OfferApi.wizardGenerator(null)).post(generators(projectUid)));
        created.then().statusCode(201).contentType("application/json");
        String path = URI.create(created.header("Location")).getPath();
        assertEquals(generator(projectUid, created.path("id")), path);
        keep(as(owner).get(path)).then().statusCode(200).body("id", equalTo(created.path("id")));

        given().contentType("application/json").accept(GENERATED_CLIENT_ACCEPT)
                .body(Map.of("answers", proWithThreePanels(), "customer", Map.of("email", "zoe@example.test")))
                .post("/api/v1/public/offer-generators/" + created.path("id") + "/submissions").then()
                .statusCode(201).contentType("application/json")
                .body("customerDelivery.status", equalTo("NOT_CONFIGURED"))
                .body("customerDelivery", not(hasKey("errorCode")))
                .body("internalNotification.status", equalTo("NOT_CONFIGURED"))
                .body("offer.total", equalTo(5000 + 25000 + 3 * 1500));
        submit(created.path("id"), proWithThreePanels(), "zoe@example.test").then().statusCode(201);
    }

    @Test
    void aGeneratedClientsAcceptHeaderIsServedAndErrorsAreProblemsWhateverItSays() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String id = createGenerator(owner, projectUid, null);
        String settings = generator(projectUid, id) + "/mail-settings";
        keep(as(owner).accept(GENERATED_CLIENT_ACCEPT).get(generators(projectUid))).then().statusCode(200)
                .contentType("application/json");
        keep(as(owner).accept(GENERATED_CLIENT_ACCEPT).get(settings)).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));
        keep(as(owner).accept(GENERATED_CLIENT_ACCEPT).body(Map.of("smtp", Map.of("host", "smtp.example.test",
                "port", 587, "security", "STARTTLS", "fromAddress", "offers@example.test"))).put(settings)).then()
                .statusCode(200).body("smtp.hasSmtpPassword", equalTo(false)).body("smtp.username", equalTo(null));
        // a 204 route documents no body but problems, so a generated client asks for problem+json only
        keep(as(owner).accept("application/problem+json").delete(settings)).then().statusCode(204);
        keep(as(owner).accept("text/html").get(generators(projectUid))).then().statusCode(406)
                .contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void badCredentialsUnknownRoutesAndMethodsAnswerProblems() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        for (String authorization : List.of("Bearer mk_not-a-jwt", "Bearer ", "Basic b3duZXI6cHc=")) {
            given().header("Authorization", authorization).accept(GENERATED_CLIENT_ACCEPT)
                    .get(generators(projectUid)).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHORIZED"));
        }
        given().get(generators(projectUid)).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
        as(owner).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        as(owner).delete(generators(projectUid)).then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }
}
