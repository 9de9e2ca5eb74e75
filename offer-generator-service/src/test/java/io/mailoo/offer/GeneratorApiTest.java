package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generators;
import static io.mailoo.offer.support.OfferApi.integration;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.wizardGenerator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Generators and their wizard: owner creates, members read, strangers see nothing; invalid wizards are 422. */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class GeneratorApiTest {

    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.PROJECTS, Topics.INTEGRATIONS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kafka.close();
    }

    @Test
    void ownerCreatesMembersReadStrangersGet404AndThePublicSeesOnlyTheWizard() {
        String owner = "owner-" + UUID.randomUUID();
        String member = "member-" + UUID.randomUUID();
        String projectUid = project(kafka, owner, member);

        keep(as(member).body(wizardGenerator(null)).post(generators(projectUid))).then().statusCode(403)
                .body("code", equalTo("OWNER_REQUIRED"));
        String marketId = integration(kafka, projectUid, owner, "MARKET", 1, null);
        String id = createGenerator(owner, projectUid, marketId);
        keep(as(owner).get(generators(projectUid) + "/" + id)).then().statusCode(200)
                .body("name", equalTo("Solar offer"))
                .body("marketIntegrationId", equalTo(marketId))
                .body("wizard.steps[0].fields[0].options[1].priceMinor", equalTo(25000));
        keep(as(owner).body(wizardGenerator(null)).post(generators(projectUid))).then().statusCode(201)
                .header("Location", containsString("/offer-generators/"));

        keep(as(member).get(generators(projectUid))).then().statusCode(200).body("id", hasItem(id));
        keep(as("stranger-" + UUID.randomUUID()).get(generators(projectUid))).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("PROJECT_NOT_FOUND"));
        keep(as(owner).get(generators("p-unknown-" + UUID.randomUUID()))).then().statusCode(404);
        keep(given().get(generators(projectUid))).then().statusCode(401);

        keep(given().get("/api/v1/public/offer-generators/" + id)).then().statusCode(200)
                .body("wizard.steps", hasSize(2)).body("$", not(hasKey("projectUid")))
                .body("$", not(hasKey("marketIntegrationId")));
        keep(given().get("/api/v1/public/offer-generators/" + UUID.randomUUID())).then().statusCode(404)
                .body("code", equalTo("OFFER_GENERATOR_NOT_FOUND"));
    }

    @Test
    void projectChangesAreFollowedNewerVersionsWinAndATombstoneRemovesAccess() {
        String owner = "owner-" + UUID.randomUUID();
        String newMember = "member-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        keep(as(newMember).get(generators(projectUid))).then().statusCode(404);

        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, "P", owner, List.of(newMember), 3));
        org.awaitility.Awaitility.await().atMost(io.mailoo.offer.support.OfferApi.WAIT)
                .until(() -> as(newMember).get(generators(projectUid)).statusCode() == 200);
        // An older version arriving late changes nothing.
        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, "P", owner, List.of(), 2));
        kafka.send(Topics.PROJECTS, projectUid, (Object) null);
        org.awaitility.Awaitility.await().atMost(io.mailoo.offer.support.OfferApi.WAIT)
                .until(() -> as(owner).get(generators(projectUid)).statusCode() == 404);
    }

    @Test
    void aGeneratorLinksOnlyToAMarketIntegrationOfItsOwnProject() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String otherProject = project(kafka, owner);
        String othersMarket = integration(kafka, otherProject, owner, "MARKET", 1, null);
        createGenerator(owner, otherProject, othersMarket); // returns once the other project's market is projected
        keep(as(owner).body(wizardGenerator(othersMarket)).post(generators(projectUid))).then().statusCode(422)
                .body("code", equalTo("MARKET_INTEGRATION_NOT_FOUND"))
                .body("errors[0].field", equalTo("marketIntegrationId"));

        String changing = integration(kafka, projectUid, owner, "MARKET", 1, null);
        createGenerator(owner, projectUid, changing);
        integration(kafka, projectUid, owner, "WEBHOOK", 2, changing);
        org.awaitility.Awaitility.await().atMost(io.mailoo.offer.support.OfferApi.WAIT).until(() -> keep(as(owner)
                .body(wizardGenerator(changing)).post(generators(projectUid))).statusCode() == 422);

        kafka.send(Topics.INTEGRATIONS, othersMarket, (Object) null); // deleted
        org.awaitility.Awaitility.await().atMost(io.mailoo.offer.support.OfferApi.WAIT).until(() -> keep(as(owner)
                .body(wizardGenerator(othersMarket)).post(generators(otherProject))).statusCode() == 422);
    }

    @Test
    void invalidWizardDefinitionsAre422NamingTheField() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);

        Map<String, Object> noOptions = wizardGenerator(null);
        noOptions.put("wizard", Map.of("steps", List.of(Map.of("id", "s", "title", "S", "fields", List.of(
                Map.of("id", "plan", "label", "Plan", "type", "CHOICE", "options", List.of()),
                Map.of("id", "plan", "label", "Again", "type", "SLIDER"),
                Map.of("id", "n", "label", "N", "type", "NUMBER", "min", 5, "max", 1))))));
        noOptions.put("currency", "euro");
        keep(as(owner).body(noOptions).post(generators(projectUid))).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("wizard.steps[0].fields[0].options"))
                .body("errors.field", hasItem("wizard.steps[0].fields[1].id"))
                .body("errors.field", hasItem("wizard.steps[0].fields[1].type"))
                .body("errors.field", hasItem("wizard.steps[0].fields[2].max"))
                .body("errors.field", hasItem("currency"));

        Map<String, Object> noSteps = wizardGenerator(null);
        noSteps.put("wizard", Map.of("steps", List.of()));
        keep(as(owner).body(noSteps).post(generators(projectUid))).then().statusCode(422)
                .body("code", equalTo("WIZARD_STEPS_REQUIRED"));
        keep(as(owner).get(generators(projectUid))).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/public/offer-generators/{generatorId}/submissions"))
                .body(containsString("/api/v1/projects/{projectUid}/offer-generators/{generatorId}/mail-settings"))
                .body(containsString("SmtpSettings"));
    }
}
