package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.market.support.MarketFixtures;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What the integrator API refuses, and that a refused request stores nothing: invalid orders (422 with a code),
 * keys of another integration (403), revoked or missing keys (401, decided before the integration is looked up, so
 * it never tells whether one exists), deleted integrations (404), bursts (429).
 */
@QuarkusTest
class OrderRequestRulesTest extends MarketTestBase {

    Shop shop;
    String key;

    @BeforeEach
    void setUp() {
        shop = fixtures.shop("Rules Shop");
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        fixtures.product(shop, "YEN-01", "Matcha", 500, "JPY");
        key = fixtures.apiKey(shop);
    }

    private ValidatableResponse post(String apiKey, Object body) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).body(body).post(shop.ordersPath()).then();
    }

    private static Map<String, Object> order(String email, Object items) {
        return Map.of("buyer", Map.of("email", email, "name", "Buyer"), "items", items);
    }

    private static List<Map<String, Object>> item(String sku, long quantity) {
        return List.of(Map.of("sku", sku, "quantity", quantity));
    }

    private void refused(Object body, String code) {
        post(key, body).statusCode(422).contentType("application/problem+json").body("code", equalTo(code))
                .body("status", equalTo(422));
    }

    @Test
    void invalidOrdersAre422WithACodeAndStoreNothing() {
        refused(order("ok@buyers.test", item("NOPE-99", 1)), "SKU_UNKNOWN");
        refused(order("ok@buyers.test", item("TEA-01", 0)), "QUANTITY_INVALID");
        refused(order("ok@buyers.test", item("TEA-01", -3)), "QUANTITY_INVALID");
        refused(order("not-an-address", item("TEA-01", 1)), "EMAIL_INVALID");
        refused(order("eve@buyers.test\r\nBcc: all@victims.test", item("TEA-01", 1)), "EMAIL_INVALID");
        // no mail towards the platform's own hosts: dotless and IP-literal domains are not public recipients
        refused(order("x@localhost", item("TEA-01", 1)), "EMAIL_INVALID");
        refused(order("x@127.0.0.1", item("TEA-01", 1)), "EMAIL_INVALID");
        refused(order("x@[127.0.0.1]", item("TEA-01", 1)), "EMAIL_INVALID");
        refused(order("ok@buyers.test", List.of()), "ITEMS_REQUIRED");
        refused(Map.of("items", item("TEA-01", 1)), "BUYER_REQUIRED");
        refused(order("ok@buyers.test", List.of(Map.of("sku", "TEA-01", "quantity", 1),
                Map.of("sku", "YEN-01", "quantity", 1))), "CURRENCIES_MIXED");
        refused(order("ok@buyers.test", List.of(Map.of("sku", "TEA-01", "quantity", 1),
                Map.of("sku", "TEA-01", "quantity", 2))), "SKU_DUPLICATE");

        // oversized orders: too many lines, too long a note — refused with a code, never truncated
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("sku", "SKU-" + i, "quantity", 1));
        }
        refused(order("ok@buyers.test", many), "ITEMS_TOO_MANY");
        refused(Map.of("buyer", Map.of("email", "ok@buyers.test"), "items", item("TEA-01", 1),
                "note", "x".repeat(2001)), "NOTE_TOO_LONG");

        // several problems at once: all reported, each with its field
        post(key, order("bad", item("NOPE", 0))).statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.code", hasItems("EMAIL_INVALID", "QUANTITY_INVALID"));

        assertEquals(0, fixtures.ordersOf(shop));
        assertEquals(0, fixtures.count("select count(*) from outbox_event where message_key = $1",
                shop.profileRef()));
    }

    @Test
    void bodiesOverTheSizeLimitAreRefusedBeforeParsing() {
        String huge = "{\"buyer\":{\"email\":\"ok@buyers.test\"},\"items\":[{\"sku\":\"TEA-01\",\"quantity\":1}],"
                + "\"note\":\"" + "y".repeat(70 * 1024) + "\"}";
        given().auth().oauth2(key).contentType(ContentType.JSON).body(huge).post(shop.ordersPath()).then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("REQUEST_TOO_LARGE"));
        assertEquals(0, fixtures.ordersOf(shop));
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        given().auth().oauth2(key).contentType(ContentType.JSON).body("{\"buyer\":").post(shop.ordersPath()).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("JSON_MALFORMED"));
    }

    @Test
    void fractionalQuantitiesAreRefusedNotRounded() {
        post(key, order("ok@buyers.test", List.of(Map.of("sku", "TEA-01", "quantity", 1.5)))).statusCode(400)
                .body("code", equalTo("JSON_MALFORMED"));
        assertEquals(0, fixtures.ordersOf(shop));
    }

    @Test
    void inactiveIntegrationsTakeNoOrdersAndDeletedOnesAreGone() {
        kafka.send(Topics.INTEGRATIONS, shop.integrationId(), new IntegrationChanged(shop.integrationId(),
                shop.projectUid(), shop.ownerId(), List.of(), "MARKET", shop.name(), "pk", false, 2));
        await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select count(*) from integration_view where integration_id = $1 and not active",
                shop.integrationId()) == 1);
        post(key, order("ok@buyers.test", item("TEA-01", 1))).statusCode(409)
                .body("code", equalTo("INTEGRATION_INACTIVE"));

        kafka.send(Topics.INTEGRATIONS, shop.integrationId(), (byte[]) null);
        await().atMost(MarketFixtures.WAIT).until(() -> fixtures.count(
                "select count(*) from integration_view where integration_id = $1", shop.integrationId()) == 0);
        post(key, order("ok@buyers.test", item("TEA-01", 1))).statusCode(404)
                .body("code", equalTo("INTEGRATION_NOT_FOUND"));
        assertEquals(0, fixtures.ordersOf(shop));
    }

    @Test
    void anotherIntegrationsKeyIs403AndRevealsNoOrder() {
        String orderId = post(key, order("ok@buyers.test", item("TEA-01", 1))).statusCode(201).extract()
                .path("orderId");
        Shop other = fixtures.shop("Other Shop");
        String otherKey = fixtures.apiKey(other);

        post(otherKey, order("ok@buyers.test", item("TEA-01", 1))).statusCode(403)
                .body("code", equalTo("API_KEY_WRONG_INTEGRATION"));
        // the same answer for an order that exists and one that does not
        given().auth().oauth2(otherKey).get(shop.ordersPath() + "/" + orderId).then().statusCode(403)
                .body("code", equalTo("API_KEY_WRONG_INTEGRATION"));
        given().auth().oauth2(otherKey).get(shop.ordersPath() + "/" + UUID.randomUUID()).then().statusCode(403)
                .body("code", equalTo("API_KEY_WRONG_INTEGRATION"));
        // the other shop's own orders route does not show this shop's order either
        given().auth().oauth2(otherKey).get(other.ordersPath() + "/" + orderId).then().statusCode(404)
                .body("code", equalTo("ORDER_NOT_FOUND"));
        assertEquals(1, fixtures.ordersOf(shop));
        assertEquals(0, fixtures.ordersOf(other));
    }

    @Test
    void revokedMissingOrUnknownKeysAre401() {
        String keyId = given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("api-keys")).then()
                .statusCode(200).extract().path("[0].id");
        post(key, order("ok@buyers.test", item("TEA-01", 1))).statusCode(201);

        given().auth().oauth2(shop.ownerToken()).delete(shop.ownerPath("api-keys/" + keyId)).then().statusCode(204);
        post(key, order("ok@buyers.test", item("TEA-01", 1))).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("API_KEY_REVOKED"));

        given().contentType(ContentType.JSON).body(order("ok@buyers.test", item("TEA-01", 1)))
                .post(shop.ordersPath()).then().statusCode(401).body("code", equalTo("API_KEY_MISSING"));
        post("mk_00000000_" + "A".repeat(43), order("ok@buyers.test", item("TEA-01", 1))).statusCode(401)
                .body("code", equalTo("API_KEY_INVALID"));
        // a dashboard JWT is not an API key
        post(shop.ownerToken(), order("ok@buyers.test", item("TEA-01", 1))).statusCode(401)
                .body("code", equalTo("API_KEY_INVALID"));
        assertEquals(1, fixtures.ordersOf(shop));
    }

    @Test
    void withoutAValidKeyAnUnknownIntegrationIsAnsweredLikeAnExistingOne() {
        String unknown = "/api/v1/market/" + UUID.randomUUID() + "/orders";
        Object body = order("ok@buyers.test", item("TEA-01", 1));
        for (String path : List.of(shop.ordersPath(), unknown)) {
            given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("API_KEY_MISSING"));
            given().auth().oauth2("mk_00000000_" + "A".repeat(43)).contentType(ContentType.JSON).body(body)
                    .post(path).then().statusCode(401).body("code", equalTo("API_KEY_INVALID"));
            given().auth().oauth2("wrong").contentType(ContentType.JSON).body(body).post(path).then()
                    .statusCode(401).body("code", equalTo("API_KEY_INVALID"));
            String order = path + "/" + UUID.randomUUID();
            given().get(order).then().statusCode(401).body("code", equalTo("API_KEY_MISSING"));
            given().auth().oauth2("mk_00000000_" + "A".repeat(43)).get(order).then().statusCode(401)
                    .body("code", equalTo("API_KEY_INVALID"));
        }
    }

    @Test
    void aValidKeyOnAnUnknownOrNonMarketIntegrationIsAnsweredLikeAnotherIntegrationsKey() {
        Object body = order("ok@buyers.test", item("TEA-01", 1));
        Shop other = fixtures.shop("Existing Other Shop");
        Shop form = fixtures.shopOfType("A form", "FORM");
        for (String path : List.of("/api/v1/market/" + UUID.randomUUID() + "/orders", other.ordersPath(),
                form.ordersPath())) {
            given().auth().oauth2(key).contentType(ContentType.JSON).body(body).post(path).then().statusCode(403)
                    .body("code", equalTo("API_KEY_WRONG_INTEGRATION"));
            given().auth().oauth2(key).get(path + "/" + UUID.randomUUID()).then().statusCode(403)
                    .body("code", equalTo("API_KEY_WRONG_INTEGRATION"));
        }
        assertEquals(0, fixtures.ordersOf(shop));
    }

    @Test
    void burstsOverTheKeysRateAre429WithRetryAfter() {
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mailoo.market.orders-per-key-per-minute", Integer.class);
        Object invalid = order("ok@buyers.test", item("NOPE-1", 1)); // refused requests count too, and store nothing
        // the bucket refills evenly while we send, so a few more than the limit may pass before the 429
        int passed = 0;
        io.restassured.response.Response limited = null;
        while (limited == null && passed <= limit + 10) {
            io.restassured.response.Response r = given().auth().oauth2(key).contentType(ContentType.JSON)
                    .body(invalid).post(shop.ordersPath());
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(422, r.statusCode());
                passed++;
            }
        }
        assertTrue(limited != null && passed >= limit, "429 after " + passed + " requests, limit " + limit);
        limited.then().contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        String retryAfter = limited.header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
        // another key of the same integration has its own budget
        post(fixtures.apiKey(shop), order("ok@buyers.test", item("TEA-01", 1))).statusCode(201);
    }
}
