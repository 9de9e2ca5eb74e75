package io.mailoo.market;

import static io.mailoo.market.support.MarketFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.market.support.MailParts;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The acceptance path through the real broker, PostgreSQL, the packaged mail-dispatch-service and GreenMail:
 * the buyer's confirmation leaves through the Market integration's own SMTP server, or the order says
 * NOT_CONFIGURED and no server (the platform one included) sees a mail.
 */
@QuarkusTest
class OrderConfirmationTest extends MarketTestBase {

    static TenantSmtp shopSmtp;

    @PlatformSmtp
    GreenMail platform;

    @Inject
    Scheduler scheduler;

    @BeforeAll
    static void start() {
        shopSmtp = new TenantSmtp("shop-login");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            assertNoSecretIn(kafka.records(Topics.MAIL_REQUESTS));
            assertNoSecretIn(kafka.records(Topics.MAIL_RESULTS));
            java.nio.file.Path log = java.nio.file.Path.of("target", "market-test.log");
            if (java.nio.file.Files.exists(log)) {
                assertNoSecretIn(java.nio.file.Files.readString(log));
            }
        } finally {
            shopSmtp.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        shopSmtp.server.purgeEmailFromAllMailboxes();
        platform.purgeEmailFromAllMailboxes();
    }

    private Shop shopWithSmtp(String name) {
        Shop shop = fixtures.shop(name);
        fixtures.profile(shop, shopSmtp, "orders@shop.test", 1);
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        fixtures.product(shop, "MUG-02", "Mug <large>", 899, "EUR");
        return shop;
    }

    private static Map<String, Object> order(String buyer) {
        return Map.of("buyer", Map.of("email", buyer, "name", "Ada Lovelace"),
                "items", List.of(Map.of("sku", "TEA-01", "quantity", 2), Map.of("sku", "MUG-02", "quantity", 1)),
                "note", "Leave at the door");
    }

    private static Response post(Shop shop, String key, Object body, String idempotencyKey) {
        var request = given().auth().oauth2(key).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(shop.ordersPath());
    }

    private static String status(Shop shop, String key, String orderId) {
        return given().auth().oauth2(key).get(shop.ordersPath() + "/" + orderId).then().statusCode(200)
                .extract().path("emailToCustomer.status");
    }

    @Test
    void orderWithSmtpIsConfirmedThroughTheIntegrationsServer() throws Exception {
        Shop shop = shopWithSmtp("Tea Shop");
        String key = fixtures.apiKey(shop);

        Response created = post(shop, key, order("ada@buyers.test"), null);
        created.then().statusCode(201)
                .body("emailToCustomer.status", equalTo("QUEUED"))
                .body("lines.size()", equalTo(2))
                .body("lines[0].sku", equalTo("TEA-01"))
                .body("lines[0].unitPriceMinor", equalTo(1250))
                .body("lines[0].lineTotalMinor", equalTo(2500))
                .body("lines[1].name", equalTo("Mug <large>"))
                .body("total.amountMinor", equalTo(3399))
                .body("total.currency", equalTo("EUR"));
        String orderId = created.path("orderId");
        assertNoSecretIn(created.asString());

        await().atMost(WAIT).until(() -> shopSmtp.server.getReceivedMessages().length == 1);
        MimeMessage mail = shopSmtp.server.getReceivedMessages()[0];
        assertEquals("ada@buyers.test", ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
        assertEquals("orders@shop.test", ((InternetAddress) mail.getFrom()[0]).getAddress());
        assertTrue(mail.getSubject().contains(orderId.substring(orderId.length() - 8).toUpperCase()), mail.getSubject());
        String text = MailParts.text(mail);
        assertTrue(text.contains("2 x Green tea (TEA-01) at 12.50 EUR = 25.00 EUR"), text);
        assertTrue(text.contains("1 x Mug <large> (MUG-02) at 8.99 EUR = 8.99 EUR"), text);
        assertTrue(text.contains("Total: 33.99 EUR"), text);
        String html = MailParts.html(mail);
        assertTrue(html.contains("Mug &lt;large&gt;"), "HTML is escaped: " + html);
        assertTrue(html.contains("33.99 EUR"), html);

        await().atMost(WAIT).until(() -> "SENT".equals(status(shop, key, orderId)));
        assertEquals(0, platform.getReceivedMessages().length, "never the platform SMTP");

        SendMailRequested request = kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> r.source() != null && orderId.equals(r.source().entityId())).findFirst().orElseThrow();
        assertEquals(MailPurpose.ORDER_CONFIRMATION, request.purpose());
        assertEquals(shop.profileRef(), request.profileRef());
        assertEquals(1, request.minProfileVersion());
        assertEquals("market-service", request.source().service());
        // time-ordered ids: market_order's and dispatch_message's unique indexes grow at their right edge
        long now = System.currentTimeMillis();
        for (UUID id : List.of(UUID.fromString(orderId), request.messageId())) {
            long madeAt = TimeOrderedIds.createdAt(id).orElseThrow(() -> new AssertionError("not v7: " + id))
                    .toEpochMilli();
            assertTrue(madeAt <= now && madeAt > now - 120_000, id + " made " + (now - madeAt) + " ms ago");
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("mailoo_market_orders_total{email=\"QUEUED\"") , "orders counted");
        assertTrue(metrics.contains("mailoo_market_confirmations_total{status=\"SENT\""), "confirmations counted");
    }

    @Test
    void orderWithoutSmtpIsNotConfiguredAndNoMailLeaves() {
        Shop shop = fixtures.shop("No Mail Shop");
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        fixtures.product(shop, "MUG-02", "Mug", 899, "EUR");
        String key = fixtures.apiKey(shop);

        Response created = post(shop, key, order("bob@buyers.test"), null);
        created.then().statusCode(201).body("emailToCustomer.status", equalTo("NOT_CONFIGURED"))
                .body("total.amountMinor", equalTo(3399));
        String orderId = created.path("orderId");

        // a later order on another shop goes all the way through, so anything of ours would have arrived by then
        Shop other = shopWithSmtp("Witness Shop");
        String otherKey = fixtures.apiKey(other);
        String witness = post(other, otherKey, order("witness@buyers.test"), null).then().statusCode(201)
                .extract().path("orderId");
        await().atMost(WAIT).until(() -> "SENT".equals(status(other, otherKey, witness)));

        assertEquals("NOT_CONFIGURED", status(shop, key, orderId));
        assertEquals(0, platform.getReceivedMessages().length, "no platform mail");
        assertEquals(1, shopSmtp.server.getReceivedMessages().length, "only the witness order's mail");
        assertTrue(kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .noneMatch(r -> r.profileRef().equals(shop.profileRef())), "no mail requested for the shop");
    }

    @Test
    void sameIdempotencyKeyTwiceGivesOneOrderAndOneMail() {
        Shop shop = shopWithSmtp("Idempotent Shop");
        String key = fixtures.apiKey(shop);
        String idempotencyKey = UUID.randomUUID().toString();

        Response first = post(shop, key, order("carol@buyers.test"), idempotencyKey);
        first.then().statusCode(201);
        Response second = post(shop, key, order("carol@buyers.test"), idempotencyKey);
        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals((String) first.path("orderId"), second.path("orderId"));

        String orderId = first.path("orderId");
        await().atMost(WAIT).until(() -> "SENT".equals(status(shop, key, orderId)));
        // a third identical request after the mail went out: still the same order, still no new mail
        post(shop, key, order("carol@buyers.test"), idempotencyKey).then().statusCode(201)
                .body("orderId", equalTo(orderId)).body("emailToCustomer.status", equalTo("SENT"));
        assertEquals(1, fixtures.ordersOf(shop));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> shopSmtp.server.getReceivedMessages().length == 1);

        post(shop, key, order("someone-else@buyers.test"), idempotencyKey).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, fixtures.ordersOf(shop));
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyMakeOneOrder() throws Exception {
        Shop shop = shopWithSmtp("Racing Shop");
        String key = fixtures.apiKey(shop);
        String idempotencyKey = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> post(shop, key, order("frank@buyers.test"), idempotencyKey)));
            }
            java.util.Set<String> orderIds = new java.util.HashSet<>();
            for (var answer : answers) {
                Response r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), r.asString());
                orderIds.add(r.path("orderId"));
            }
            assertEquals(1, orderIds.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fixtures.ordersOf(shop));
        await().atMost(WAIT).until(() -> shopSmtp.server.getReceivedMessages().length == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> shopSmtp.server.getReceivedMessages().length == 1);
    }

    @Test
    void profileRemovedBeforeDispatchEndsNotConfiguredWithoutMail() {
        Shop shop = shopWithSmtp("Vanishing Shop");
        String key = fixtures.apiKey(shop);

        scheduler.pause(); // hold the outbox relay so the request is still in our outbox when the profile goes
        String orderId;
        try {
            Response created = post(shop, key, order("dave@buyers.test"), null);
            created.then().statusCode(201).body("emailToCustomer.status", equalTo("QUEUED"));
            orderId = created.path("orderId");
            fixtures.removeProfile(shop);
            awaitDispatchSawRemoval(shop);
            assertEquals(1, fixtures.count("select count(*) from outbox_event where message_key = $1"
                    + " and published_at is null", shop.profileRef()), "the request is still waiting in the outbox");
        } finally {
            scheduler.resume();
        }

        await().atMost(WAIT).until(() -> "NOT_CONFIGURED".equals(status(shop, key, orderId)));
        given().auth().oauth2(key).get(shop.ordersPath() + "/" + orderId).then()
                .body("emailToCustomer.errorCode", equalTo("PROFILE_NOT_CONFIGURED"));
        assertEquals(0, shopSmtp.server.getReceivedMessages().length);
        assertEquals(0, platform.getReceivedMessages().length);

        // the next order already knows: NOT_CONFIGURED at once
        post(shop, key, order("dave@buyers.test"), null).then().statusCode(201)
                .body("emailToCustomer.status", equalTo("NOT_CONFIGURED"));
    }

    @Test
    void refusedLoginEndsFailedWithTheDispatchErrorCode() {
        Shop shop = fixtures.shop("Wrong Password Shop");
        fixtures.profile(shop, shopSmtp.server, shopSmtp.username, "not-the-password-" + UUID.randomUUID(),
                "orders@shop.test", 1);
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        fixtures.product(shop, "MUG-02", "Mug", 899, "EUR");
        String key = fixtures.apiKey(shop);
        String orderId = post(shop, key, order("gina@buyers.test"), null).then().statusCode(201)
                .body("emailToCustomer.status", equalTo("QUEUED")).extract().path("orderId");

        await().atMost(WAIT).until(() -> "FAILED".equals(status(shop, key, orderId)));
        given().auth().oauth2(key).get(shop.ordersPath() + "/" + orderId).then()
                .body("emailToCustomer.errorCode", equalTo("SMTP_AUTH_FAILED"));
        assertEquals(0, shopSmtp.server.getReceivedMessages().length);
        assertEquals(0, platform.getReceivedMessages().length, "no fallback to the platform SMTP");
    }

    @Test
    void deferredOrFailedResultsOfOtherServicesAreIgnored() {
        Shop shop = shopWithSmtp("Filter Shop");
        String key = fixtures.apiKey(shop);
        String orderId = post(shop, key, order("erin@buyers.test"), null).then().statusCode(201)
                .extract().path("orderId");
        await().atMost(WAIT).until(() -> "SENT".equals(status(shop, key, orderId)));
        UUID messageId = kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> orderId.equals(r.source().entityId())).findFirst().orElseThrow().messageId();
        // another service's FAILED result with the same messageId must not touch the order
        kafka.send(Topics.MAIL_RESULTS, shop.profileRef(), new io.mailoo.contracts.events.MailDispatchResult(
                messageId, shop.profileRef(), MailPurpose.INBOUND_REPLY,
                new io.mailoo.contracts.events.MailSource("integration-service", "reply", orderId),
                io.mailoo.contracts.events.MailStatus.FAILED, 1, null, null, "SMTP_REJECTED", java.time.Instant.now()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "SENT".equals(status(shop, key, orderId)));
        given().auth().oauth2(key).get(shop.ordersPath() + "/" + orderId).then()
                .body("emailToCustomer.errorCode", nullValue());
    }

    /** Dispatch projects profiles on its own consumer: wait until it has the tombstone too (operator API). */
    private void awaitDispatchSawRemoval(Shop shop) {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mailoo.test.dispatch-port", Integer.class);
        String operator = io.mailoo.testsupport.TestKeys.token("operator-1", "ops@mailoo.test",
                java.util.Set.of("operator"));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(given().baseUri("http://127.0.0.1").port(port)
                .auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + shop.profileRef())
                .then().extract().path("removed")));
    }

    static void assertNoSecretIn(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                assertNoSecretIn(new String(record.value(), StandardCharsets.UTF_8));
            }
        }
    }

    static void assertNoSecretIn(String text) throws Exception {
        for (String secret : TestSecrets.all()) {
            assertFalse(text.contains(secret), "a secret leaked");
        }
    }
}
