package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.market.service.ApiKeyCodec;
import io.mailoo.market.support.MarketFixtures;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The owner's routes: catalog and API keys, authorised from the projected ProjectChanged events. */
@QuarkusTest
class OwnerRoutesTest extends MarketTestBase {

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = fixtures.shop("Owner Shop");
    }

    private static Map<String, Object> product(String sku, Object price, String currency) {
        return Map.of("sku", sku, "name", "Thing " + sku, "priceMinor", price, "currency", currency);
    }

    @Test
    void ownerAddsProductsAndMembersReadThem() {
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A-1", 100, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(201).body("sku", equalTo("A-1"))
                .body("priceMinor", equalTo(100)).body("id", notNullValue());
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A-1", 200, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(409).body("code", equalTo("SKU_EXISTS"));
        given().auth().oauth2(shop.memberToken()).get(shop.ownerPath("products")).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].currency", equalTo("EUR"));
    }

    @Test
    void invalidProductsAre422() {
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A 1", 100, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("SKU_INVALID"));
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A-2", -1, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(422).body("code", equalTo("PRICE_INVALID"));
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A-3", 1, "EURO"))
                .post(shop.ownerPath("products")).then().statusCode(422).body("code", equalTo("CURRENCY_INVALID"));
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON).body(product("A-4", 1, "XYZ"))
                .post(shop.ownerPath("products")).then().statusCode(422).body("code", equalTo("CURRENCY_INVALID"));
        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("products")).then().body("size()", equalTo(0));
    }

    @Test
    void strangersGet404MembersGet403OnOwnerRoutesAnonymous401() {
        String stranger = TestKeys.token("stranger", "s@x.test", Set.of("user"));
        given().auth().oauth2(stranger).get(shop.ownerPath("products")).then().statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        given().auth().oauth2(shop.memberToken()).contentType(ContentType.JSON).body(product("B-1", 1, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
        given().auth().oauth2(shop.memberToken()).contentType(ContentType.JSON).body(Map.of())
                .post(shop.ownerPath("api-keys")).then().statusCode(403);
        given().get(shop.ownerPath("products")).then().statusCode(401).contentType("application/problem+json");
        // an integration of another project, addressed through this project: not found
        Shop other = fixtures.shop("Elsewhere");
        given().auth().oauth2(shop.ownerToken())
                .get("/api/v1/projects/" + shop.projectUid() + "/integrations/" + other.integrationId()
                        + "/market/products")
                .then().statusCode(404).body("code", equalTo("INTEGRATION_NOT_FOUND"));
    }

    @Test
    void nonMarketIntegrationsHaveNoMarketRoutes() {
        Shop form = fixtures.shopOfType("Contact", "CONTACT_FORM");
        given().auth().oauth2(form.ownerToken()).contentType(ContentType.JSON).body(product("C-1", 1, "EUR"))
                .post(form.ownerPath("products")).then().statusCode(422)
                .body("code", equalTo("INTEGRATION_NOT_MARKET"));
    }

    @Test
    void apiKeysAreShownOnceStoredHashedAndListedByPrefix() {
        var created = given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "production")).post(shop.ownerPath("api-keys")).then().statusCode(201)
                .header("Cache-Control", "no-store").body("prefix", startsWith("mk_")).extract();
        String key = created.path("key");
        String prefix = created.path("prefix");
        assertEquals(prefix, key.substring(0, prefix.length()));

        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("api-keys")).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].prefix", equalTo(prefix))
                .body("[0].name", equalTo("production")).body("[0]", not(hasKey("key")))
                .body("[0]", not(hasKey("keyHash")));

        var stored = fixtures.query("select prefix, key_hash from api_key where integration_id = $1",
                shop.integrationId());
        assertEquals(1, stored.size());
        assertEquals(ApiKeyCodec.hash(key), stored.get(0).getString("key_hash"));
        assertFalse(fixtures.count("select count(*) from api_key where key_hash = $1 or prefix = $1", key) > 0,
                "the plaintext key is stored nowhere");
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        given().auth().oauth2(shop.ownerToken()).delete(shop.ownerPath("api-keys/" + java.util.UUID.randomUUID()))
                .then().statusCode(404).body("code", equalTo("API_KEY_NOT_FOUND"));
    }

    @Test
    void projectOwnershipFollowsTheEvents() {
        // integration-service hands the project to the member: the former owner becomes a stranger
        kafka.send(Topics.PROJECTS, shop.projectUid(), new io.mailoo.contracts.events.ProjectChanged(
                shop.projectUid(), "Renamed", shop.memberId(), java.util.List.of(), 2));
        org.awaitility.Awaitility.await().atMost(MarketFixtures.WAIT).until(() -> given()
                .auth().oauth2(shop.ownerToken()).get(shop.ownerPath("products")).statusCode() == 404);
        given().auth().oauth2(shop.memberToken()).contentType(ContentType.JSON).body(product("D-1", 1, "EUR"))
                .post(shop.ownerPath("products")).then().statusCode(201);
        // an older event arriving late changes nothing
        kafka.send(Topics.PROJECTS, shop.projectUid(), new io.mailoo.contracts.events.ProjectChanged(
                shop.projectUid(), "Old", shop.ownerId(), java.util.List.of(), 1));
        kafka.send(Topics.PROJECTS, shop.projectUid(), new io.mailoo.contracts.events.ProjectChanged(
                shop.projectUid(), "Renamed", shop.memberId(), java.util.List.of(), 3));
        org.awaitility.Awaitility.await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select version from project_access where project_uid = $1", shop.projectUid()) == 3);
        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("products")).then().statusCode(404);
    }
}
