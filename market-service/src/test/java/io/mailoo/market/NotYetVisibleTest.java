package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.market.support.MarketFixtures;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Read-your-writes: an id integration-service created moments ago (a time-ordered id) that has not reached the
 * projection yet is answered 503 *_NOT_YET_VISIBLE with Retry-After, never "not found"; older and non-v7 ids keep
 * their 404; and the answer depends on the id's time only, not on whether the project exists.
 */
@QuarkusTest
class NotYetVisibleTest extends MarketTestBase {

    private static final Logger LOG = Logger.getLogger(NotYetVisibleTest.class);
    private static final String OWNER = "owner-" + UUID.randomUUID();

    private static String fresh() {
        return TimeOrderedIds.next().toString();
    }

    private static String anHourOld() {
        return TimeOrderedIds.at(System.currentTimeMillis() - Duration.ofHours(1).toMillis()).toString();
    }

    private static String products(String projectUid, String integrationId) {
        return "/api/v1/projects/" + projectUid + "/integrations/" + integrationId + "/market/products";
    }

    private static ValidatableResponse getAs(String userId, String path) {
        return given().auth().oauth2(TestKeys.token(userId, userId + "@owners.test", Set.of("user"))).get(path)
                .then();
    }

    private static void notYetVisible(ValidatableResponse response, String code) {
        response.statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("code", equalTo(code));
    }

    @Test
    void aFreshProjectIdIs503WithRetryAfterOlderAndRandomIdsStay404() {
        notYetVisible(getAs(OWNER, products(fresh(), fresh())), "PROJECT_NOT_YET_VISIBLE");
        getAs(OWNER, products(anHourOld(), fresh())).statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
        getAs(OWNER, products(UUID.randomUUID().toString(), fresh())).statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        getAs(OWNER, products("not-a-uuid", fresh())).statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
    }

    @Test
    void aStrangerGetsThe503ForAnExistingFreshProjectToo() {
        String projectUid = fresh();
        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, "Fresh", OWNER, List.of(), 1));
        await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select count(*) from project_access where project_uid = $1", projectUid) == 1);
        // a non-member cannot tell this project (it exists) from one that has not arrived: both 503
        notYetVisible(getAs("stranger-" + UUID.randomUUID(), products(projectUid, fresh())),
                "PROJECT_NOT_YET_VISIBLE");
    }

    @Test
    void aFreshIntegrationIsNotYetVisibleUntilItsEventArrivesThenTheSameCallSucceeds() {
        Shop shop = fixtures.shop("Visible later");
        String integrationId = fresh();
        String path = products(shop.projectUid(), integrationId);
        String owner = shop.ownerId();
        notYetVisible(getAs(owner, path), "INTEGRATION_NOT_YET_VISIBLE");
        getAs(owner, products(shop.projectUid(), anHourOld())).statusCode(404)
                .body("code", equalTo("INTEGRATION_NOT_FOUND"));
        getAs(owner, products(shop.projectUid(), UUID.randomUUID().toString())).statusCode(404)
                .body("code", equalTo("INTEGRATION_NOT_FOUND"));

        long published = System.nanoTime();
        kafka.send(Topics.INTEGRATIONS, integrationId, new IntegrationChanged(integrationId, shop.projectUid(), owner,
                List.of(shop.memberId()), "MARKET", "Just created", "pk-" + integrationId, true, 1));
        await().atMost(MarketFixtures.WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> getAs(owner, path).extract().statusCode() != 503);
        LOG.infof("An IntegrationChanged on the topic was visible on the owner route after %d ms",
                (System.nanoTime() - published) / 1_000_000);
        getAs(owner, path).statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theIntegratorRouteChecksTheKeyFirstThenAnswersNotYetVisible() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/market/" + fresh() + "/orders").then()
                .statusCode(401).body("code", equalTo("API_KEY_MISSING"));

        // a key of a fresh integration whose projected row is gone (a tombstone from before versioned removals)
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop("project-" + suffix, fresh(), "owner-" + suffix, "member-" + suffix, "Gone");
        kafka.send(Topics.PROJECTS, shop.projectUid(), new ProjectChanged(shop.projectUid(), "P", shop.ownerId(),
                List.of(), 1));
        kafka.send(Topics.INTEGRATIONS, shop.integrationId(), new IntegrationChanged(shop.integrationId(),
                shop.projectUid(), shop.ownerId(), List.of(), "MARKET", "Gone", "pk-" + suffix, true, 1));
        await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select count(*) from integration_view where integration_id = $1", shop.integrationId()) == 1
                && fixtures.count("select count(*) from project_access where project_uid = $1",
                        shop.projectUid()) == 1);
        String key = fixtures.apiKey(shop);
        kafka.send(Topics.INTEGRATIONS, shop.integrationId(), (byte[]) null);
        await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select count(*) from integration_view where integration_id = $1", shop.integrationId()) == 0);
        Map<String, Object> order = Map.of("buyer", Map.of("email", "b@buyers.test"),
                "items", List.of(Map.of("sku", "X-1", "quantity", 1)));
        notYetVisible(given().auth().oauth2(key).contentType(ContentType.JSON).body(order).post(shop.ordersPath())
                .then(), "INTEGRATION_NOT_YET_VISIBLE");
    }
}
