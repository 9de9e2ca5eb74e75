package io.mailoo.market.repository;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.support.outbox.Outbox;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TenantSmtp;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * Group commit through PostgreSQL, Kafka, dispatch and an SMTP server. The two insert statements the service runs at
 * once (ORDER_INSERT_STATEMENTS' default) are held back by a SHARE lock on market_order that the test takes, so the
 * orders arriving meanwhile surely wait and then share one statement: every order is answered with its own id and
 * mailed once, an Idempotency-Key used twice in the group makes one order, and an order that PostgreSQL refuses fails
 * alone.
 */
@QuarkusTest
class OrderInsertBatchTest extends MarketTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVENT_TOPIC = "mailoo.test.order-batch";
    private static TenantSmtp shopSmtp;

    @Inject
    OrderStore store;

    @Inject
    MeterRegistry metrics;

    private SqlConnection lock;
    private final ExecutorService clients = Executors.newFixedThreadPool(24);

    @BeforeAll
    static void start() throws Exception {
        KafkaTestClient.onOwnTopic(EVENT_TOPIC).close(); // the store tests' events are published there
        shopSmtp = new TenantSmtp("batch-login");
    }

    @AfterAll
    static void stop() {
        shopSmtp.close();
    }

    @AfterEach
    void releaseAndStopClients() {
        if (lock != null) {
            release();
        }
        clients.shutdownNow();
    }

    @Test
    void ordersArrivingTogetherShareOneStatementAndEachGetsItsOwnOrderAndOneMail() throws Exception {
        Shop shop = fixtures.shop("Batch Shop");
        fixtures.profile(shop, shopSmtp, "orders@batch.test", 1);
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        String key = fixtures.apiKey(shop);

        DistributionSummary rowsPerStatement = metrics.get("mailoo.market.order.insert.rows").summary();
        long statementsBefore = rowsPerStatement.count();
        double rowsBefore = rowsPerStatement.totalAmount();
        holdOrderInserts();
        List<Future<Response>> firstTwo = List.of(clients.submit(() -> post(shop, key, "first@buyers.test", null)),
                clients.submit(() -> post(shop, key, "second@buyers.test", null)));
        awaitInsertsBlocked(2);
        // 20 more while both statements wait: 16 of their own and two pairs that share an Idempotency-Key
        List<Future<Response>> group = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String buyer = "buyer-" + i + "@buyers.test";
            group.add(clients.submit(() -> post(shop, key, buyer, null)));
        }
        for (String pair : List.of("pair-a", "pair-b")) {
            String idempotencyKey = pair + "-" + UUID.randomUUID();
            for (int twice = 0; twice < 2; twice++) {
                group.add(clients.submit(() -> post(shop, key, pair + "@buyers.test", idempotencyKey)));
            }
        }
        await().atMost(WAIT).until(() -> store.waitingOrders() == 20);
        release();

        Set<String> orderIds = new HashSet<>();
        for (Future<Response> alone : firstTwo) {
            Response r = alone.get(30, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.asString());
            orderIds.add(r.path("orderId"));
        }
        List<String> pairIds = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Response r = group.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.asString());
            orderIds.add(r.path("orderId"));
            if (i >= 16) {
                pairIds.add(r.path("orderId"));
            }
        }
        assertEquals(pairIds.get(0), pairIds.get(1), "one Idempotency-Key twice in a group made two orders");
        assertEquals(pairIds.get(2), pairIds.get(3), "one Idempotency-Key twice in a group made two orders");
        assertEquals(20, orderIds.size(), "the first two, 16 single orders and one per pair");
        assertEquals(20, fixtures.ordersOf(shop));
        // (xmin cannot tell here: the SENT updates give the rows new versions while the mails go out)
        assertEquals(3, rowsPerStatement.count() - statementsBefore, "the 20 that waited were not one statement");
        assertEquals(22, rowsPerStatement.totalAmount() - rowsBefore, 0.0);
        assertEquals(20, fixtures.count("select count(*) from outbox_event where message_key = $1",
                shop.profileRef()), "an outbox row per stored order, none for the replays");

        await().atMost(WAIT).until(() -> shopSmtp.server.getReceivedMessages().length >= 20);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> shopSmtp.server.getReceivedMessages().length == 20);
        Set<String> recipients = new HashSet<>();
        for (var message : shopSmtp.server.getReceivedMessages()) {
            recipients.add(Arrays.toString(message.getAllRecipients()));
        }
        assertEquals(20, recipients.size(), "a buyer was mailed twice: " + recipients);
        assertTrue(recipients.contains("[pair-a@buyers.test]") && recipients.contains("[buyer-15@buyers.test]"),
                recipients.toString());
    }

    @Test
    void anOrderPostgresqlRefusesInAGroupFailsAloneAndTheOthersAreStoredWithTheirEvents() {
        String integrationId = "batch-" + UUID.randomUUID();
        holdOrderInserts();
        CompletableFuture<Boolean> first = insert(order(integrationId, "EUR"));
        CompletableFuture<Boolean> second = insert(order(integrationId, "EUR"));
        awaitInsertsBlocked(2);
        NewOrderRow good = order(integrationId, "EUR");
        NewOrderRow refused = order(integrationId, "EURO"); // currency is char(3): 22001, value too long
        NewOrderRow alsoGood = order(integrationId, "USD");
        CompletableFuture<Boolean> goodAnswer = insert(good);
        CompletableFuture<Boolean> refusedAnswer = insert(refused);
        CompletableFuture<Boolean> alsoGoodAnswer = insert(alsoGood);
        await().atMost(WAIT).until(() -> store.waitingOrders() == 3);
        release();

        assertTrue(first.join() && second.join());
        assertTrue(goodAnswer.join());
        assertTrue(alsoGoodAnswer.join());
        Throwable failure = refusedAnswer.handle((ok, e) -> e).join();
        assertInstanceOf(PgException.class, failure);
        assertEquals("22001", ((PgException) failure).getSqlState());
        assertEquals(4, fixtures.count("select count(*) from market_order where integration_id = $1", integrationId));
        assertEquals(0, fixtures.count("select count(*) from market_order where id = $1", refused.order().id));
        assertEquals(4, fixtures.count("select count(distinct xmin::text) from market_order where integration_id = $1",
                integrationId), "the first two alone, then the refused group's orders one by one");
        assertEquals(4, fixtures.count("select count(*) from outbox_event where message_key = $1", integrationId),
                "the stored orders' events, and not the refused one's");
    }

    @Test
    void anIdempotencyKeyTakenBeforeOrTwiceInAGroupInsertsOnce() {
        String integrationId = "batch-" + UUID.randomUUID();
        NewOrderRow earlier = withKey(order(integrationId, "EUR"), "k-earlier");
        assertTrue(insert(earlier).join());

        holdOrderInserts();
        CompletableFuture<Boolean> first = insert(order(integrationId, "EUR"));
        CompletableFuture<Boolean> second = insert(order(integrationId, "EUR"));
        awaitInsertsBlocked(2);
        CompletableFuture<Boolean> again = insert(withKey(order(integrationId, "EUR"), "k-earlier"));
        CompletableFuture<Boolean> one = insert(withKey(order(integrationId, "EUR"), "k-twice"));
        CompletableFuture<Boolean> two = insert(withKey(order(integrationId, "EUR"), "k-twice"));
        await().atMost(WAIT).until(() -> store.waitingOrders() == 3);
        release();

        assertTrue(first.join() && second.join());
        assertFalse(again.join(), "the key an earlier order took inserted a second order");
        assertTrue(one.join() ^ two.join(), "one of two orders with one key in a group, and only one, is stored");
        assertEquals(4, fixtures.count("select count(*) from market_order where integration_id = $1", integrationId));
        assertEquals(4, fixtures.count("select count(*) from outbox_event where message_key = $1", integrationId));
    }

    /** Takes a SHARE lock on market_order in a transaction of the test's own: every insert waits until release(). */
    private void holdOrderInserts() {
        lock = pool.getConnection().await().atMost(WAIT);
        lock.query("BEGIN").execute().await().atMost(WAIT);
        lock.query("LOCK TABLE market_order IN SHARE MODE").execute().await().atMost(WAIT);
    }

    private void release() {
        lock.query("COMMIT").execute().await().atMost(WAIT);
        lock.close().await().atMost(WAIT);
        lock = null;
    }

    /** Until {@code n} order inserts wait for the test's lock: every statement the service may run at once. */
    private void awaitInsertsBlocked(int n) {
        await().atMost(WAIT).until(() -> fixtures.count("select count(*) from pg_stat_activity where "
                + "datname = current_database() and wait_event_type = 'Lock' and query like $1",
                "%INSERT INTO market_order%") == n);
    }

    private CompletableFuture<Boolean> insert(NewOrderRow row) {
        return store.insert(row.order(), row.event()).subscribeAsCompletionStage().toCompletableFuture();
    }

    private static Response post(Shop shop, String key, String buyer, String idempotencyKey) {
        var request = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", buyer), "items", List.of(Map.of("sku", "TEA-01", "quantity", 1))));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(shop.ordersPath());
    }

    /** An order of {@code integrationId} with an event on a topic nothing reads, keyed by the integration id. */
    private static NewOrderRow order(String integrationId, String currency) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MarketOrder o = new MarketOrder();
        o.id = UUID.randomUUID();
        o.integrationId = integrationId;
        o.projectUid = "project-batch";
        o.apiKeyId = UUID.randomUUID();
        o.requestHash = "hash";
        o.buyerEmail = "someone@buyers.test";
        o.currency = currency;
        o.totalMinor = 100;
        o.linesJson = "[]";
        o.mailMessageId = UUID.randomUUID();
        o.mailStatus = "QUEUED";
        o.createdAt = now;
        o.updatedAt = now;
        return new NewOrderRow(o, Outbox.values(EVENT_TOPIC, integrationId, "test", Map.of("n", 1)));
    }

    private static NewOrderRow withKey(NewOrderRow row, String idempotencyKey) {
        row.order().idempotencyKey = idempotencyKey;
        return row;
    }
}
