package io.mailoo.market;

import static io.mailoo.market.support.MarketFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The dashboard's order list ({@code GET …/market/orders}): the integrator API's order view, newest first, with the
 * confirmation status dispatch reported; members read it, strangers get 404, a bad limit is a 400.
 */
@QuarkusTest
class OwnerOrderListTest extends MarketTestBase {

    static TenantSmtp shopSmtp;

    @BeforeAll
    static void start() {
        shopSmtp = new TenantSmtp("list-login");
    }

    @AfterAll
    static void stop() {
        shopSmtp.close();
    }

    private String placeOrder(Shop shop, String key, String buyer, int teas) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", buyer, "name", "Buyer " + teas),
                        "items", List.of(Map.of("sku", "TEA-01", "quantity", teas))))
                .post(shop.ordersPath()).then().statusCode(201).extract().path("orderId");
    }

    private static String listStatus(Shop shop, String token, int index) {
        return given().auth().oauth2(token).get(shop.ownerPath("orders")).then().statusCode(200).extract()
                .path("[" + index + "].emailToCustomer.status");
    }

    @Test
    void ordersAreListedNewestFirstWithTheirConfirmationStatus() {
        Shop shop = fixtures.shop("Listed Shop");
        fixtures.profile(shop, shopSmtp, "orders@list.test", 1);
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        String key = fixtures.apiKey(shop);
        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("orders")).then().statusCode(200)
                .body("size()", equalTo(0));

        String first = placeOrder(shop, key, "first@buyers.test", 1);
        String second = placeOrder(shop, key, "second@buyers.test", 2);
        await().atMost(WAIT).until(() -> "SENT".equals(listStatus(shop, shop.ownerToken(), 0))
                && "SENT".equals(listStatus(shop, shop.ownerToken(), 1)));

        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("orders")).then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].orderId", equalTo(second))
                .body("[0].buyer.email", equalTo("second@buyers.test"))
                .body("[0].lines[0].sku", equalTo("TEA-01"))
                .body("[0].lines[0].quantity", equalTo(2))
                .body("[0].total.amountMinor", equalTo(2500))
                .body("[0].total.currency", equalTo("EUR"))
                .body("[0].createdAt", notNullValue())
                .body("[1].orderId", equalTo(first));
        // the same view as the integrator's GET of one order
        Map<?, ?> single = given().auth().oauth2(key).get(shop.ordersPath() + "/" + first).then().statusCode(200)
                .extract().as(Map.class);
        List<?> listed = given().auth().oauth2(shop.ownerToken()).queryParam("limit", 200)
                .get(shop.ownerPath("orders")).then().statusCode(200).extract().as(List.class);
        assertEquals(single, listed.get(1));

        // members read it too; limit keeps the newest
        given().auth().oauth2(shop.memberToken()).queryParam("limit", 1).get(shop.ownerPath("orders")).then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].orderId", equalTo(second));
    }

    @Test
    void anOrderOfAShopWithoutSmtpIsListedAsNotConfigured() {
        Shop shop = fixtures.shop("Unconfigured Listed Shop");
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        String orderId = placeOrder(shop, fixtures.apiKey(shop), "nobody@buyers.test", 1);
        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("orders")).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].orderId", equalTo(orderId))
                .body("[0].emailToCustomer.status", equalTo("NOT_CONFIGURED"));
    }

    @Test
    void strangersGet404AndAnonymousCallers401() {
        Shop shop = fixtures.shop("Private Shop");
        String stranger = TestKeys.token("stranger-" + UUID.randomUUID(), "s@x.test", Set.of("user"));
        given().auth().oauth2(stranger).get(shop.ownerPath("orders")).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("PROJECT_NOT_FOUND"));
        Shop other = fixtures.shop("Someone Else's Shop");
        given().auth().oauth2(shop.ownerToken())
                .get("/api/v1/projects/" + shop.projectUid() + "/integrations/" + other.integrationId()
                        + "/market/orders")
                .then().statusCode(404).body("code", equalTo("INTEGRATION_NOT_FOUND"));
        given().get(shop.ownerPath("orders")).then().statusCode(401);
    }

    @Test
    void aLimitOutside1To200Is400() {
        Shop shop = fixtures.shop("Limited Shop");
        for (String limit : List.of("0", "201", "-1", "ten", "1.5")) {
            given().auth().oauth2(shop.ownerToken()).queryParam("limit", limit).get(shop.ownerPath("orders"))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("LIMIT_INVALID"));
        }
        given().auth().oauth2(shop.ownerToken()).queryParam("limit", 200).get(shop.ownerPath("orders")).then()
                .statusCode(200);
        // an empty value is no value: the default
        given().auth().oauth2(shop.ownerToken()).queryParam("limit", "").get(shop.ownerPath("orders")).then()
                .statusCode(200);
    }
}
