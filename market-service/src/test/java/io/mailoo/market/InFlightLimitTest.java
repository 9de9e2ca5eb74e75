package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.support.http.InFlightLimitFilter;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * HTTP_MAX_IN_FLIGHT through the real order route: orders held by PostgreSQL (a table lock taken by the test) fill
 * the service's slots; the next order and a dashboard route are answered at once with 503 SERVICE_BUSY and
 * Retry-After, store nothing, while /q/health still answers; the held orders complete once the lock goes, and a
 * client that hangs up mid-request gives its slot back.
 */
@QuarkusTest
@TestProfile(InFlightLimitTest.ThreeAtOnce.class)
class InFlightLimitTest extends MarketTestBase {

    static final int LIMIT = 3;

    /** Three requests at once (and without the suite's dispatch process and GreenMail: nothing is mailed). */
    public static class ThreeAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.http.max-in-flight", String.valueOf(LIMIT));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    InFlightLimitFilter limit;

    Shop shop;
    String key;
    SqlConnection locker;
    Transaction lock;

    @BeforeEach
    void setUp() {
        shop = fixtures.shop("Busy Shop");
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        key = fixtures.apiKey(shop);
    }

    @AfterEach
    void releaseLock() {
        if (lock != null) {
            lock.rollbackAndAwait();
            locker.closeAndAwait();
            lock = null;
        }
    }

    /** Orders wait on this lock inside the order route (SELECTs pass, an INSERT into market_order waits). */
    private void lockOrders() {
        locker = pool.getConnectionAndAwait();
        lock = locker.beginAndAwait();
        locker.query("LOCK TABLE market_order IN EXCLUSIVE MODE").executeAndAwait();
    }

    private void releaseOrders() {
        lock.rollbackAndAwait();
        locker.closeAndAwait();
        lock = null;
    }

    private int placeOrder(String buyer) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", buyer, "name", "Buyer"),
                        "items", List.of(Map.of("sku", "TEA-01", "quantity", 1))))
                .post(shop.ordersPath()).then().extract().statusCode();
    }

    @Test
    void beyondTheLimitARequestIsA503AtOnceAndStoresNothingWhileHealthAnswers() throws Exception {
        lockOrders();
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            String buyer = "held-" + i + "@buyers.test";
            held.add(CompletableFuture.supplyAsync(() -> placeOrder(buyer)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> limit.inFlight() == LIMIT);

        // answered at once, while the held ones still wait on the lock (an admitted request would wait with them:
        // the timeout turns that into a failure instead of a hang)
        CompletableFuture.runAsync(() -> given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", "refused@buyers.test", "name", "Buyer"),
                        "items", List.of(Map.of("sku", "TEA-01", "quantity", 1))))
                .post(shop.ordersPath()).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "1").body("code", equalTo("SERVICE_BUSY")).body("status", equalTo(503)))
                .get(10, TimeUnit.SECONDS);
        assertEquals(LIMIT, limit.inFlight());
        CompletableFuture.runAsync(() -> given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("products"))
                .then().statusCode(503).body("code", equalTo("SERVICE_BUSY"))).get(10, TimeUnit.SECONDS);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        releaseOrders();
        for (CompletableFuture<Integer> order : held) {
            assertEquals(201, order.join());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
        assertEquals(201, placeOrder("after@buyers.test"));
        assertEquals(LIMIT + 1, fixtures.ordersOf(shop), "the refused order stored nothing");
        assertEquals(0, fixtures.count("select count(*) from market_order where buyer_email = $1",
                "refused@buyers.test"));
    }

    @Test
    void aClientThatHangsUpGivesItsSlotBack() throws Exception {
        lockOrders();
        byte[] body = ("{\"buyer\":{\"email\":\"gone@buyers.test\",\"name\":\"Buyer\"},"
                + "\"items\":[{\"sku\":\"TEA-01\",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8);
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Socket socket = new Socket("127.0.0.1", RestAssured.port);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + shop.ordersPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            clients.add(socket);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> limit.inFlight() == LIMIT);
        for (Socket socket : clients) {
            socket.close();
        }
        // the slots come back while the orders themselves still wait on the lock
        await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
        releaseOrders();
        assertEquals(201, placeOrder("next@buyers.test"));
    }
}
