package io.mailoo.market.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.market.support.MarketFixtures;
import io.mailoo.market.support.Shop;
import io.mailoo.support.outbox.Outbox;
import io.mailoo.support.outbox.OutboxRelay;
import io.mailoo.support.outbox.OutboxRetention;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TenantSmtp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox relay against the real PostgreSQL and broker, with the poll made hourly so that only the in-process
 * signal (market's outbox table has no NOTIFY trigger, V8) and the locked-out retry can move events: an order's
 * confirmation request is published right after its statement commits, a drain goes past one page, nothing moves
 * while another relay holds the lock and everything moves right after it lets go, published rows are deleted after
 * the retention. Rows go to a topic of their own that nothing consumes.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.HourlyPoll.class)
class OutboxRelayTest {

    static final String TOPIC = "mailoo.test.outbox-relay";
    /** The relay's lock key (OutboxRelay.RELAY_LOCK). */
    static final long RELAY_LOCK = 0x6d61696c6f6f4f42L;

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailoo.outbox.poll-interval", "1h");
        }
    }

    static KafkaTestClient kafka;
    static KafkaTestClient requests;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRetention retention;

    @ConfigProperty(name = "mailoo.outbox.page-bytes", defaultValue = "4194304")
    long pageBytes;

    @BeforeAll
    static void watch() throws Exception {
        kafka = KafkaTestClient.onOwnTopic(TOPIC);
        requests = new KafkaTestClient(Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void close() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (requests != null) {
            requests.close();
        }
    }

    @Test
    void anOrdersConfirmationRequestMovesRightAfterCommitWithoutNotifyOrPoll() {
        MarketFixtures fixtures = new MarketFixtures(requests, pool);
        Shop shop = fixtures.shop("Signal Shop");
        try (TenantSmtp shopSmtp = new TenantSmtp("signal")) {
            fixtures.profile(shop, shopSmtp, "orders@signal.test", 1);
        } // the mail's fate is not this test's concern, only its request
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        String apiKey = fixtures.apiKey(shop);
        assertEquals(0L, pool.query("select count(*) from pg_trigger where tgrelid = 'outbox_event'::regclass "
                + "and not tgisinternal").execute().await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0), "no NOTIFY trigger on market's outbox");

        String orderId = given().auth().oauth2(apiKey).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", "ada@buyers.test"),
                        "items", List.of(Map.of("sku", "TEA-01", "quantity", 1))))
                .post(shop.ordersPath()).then().statusCode(201)
                .body("emailToCustomer.status", equalTo("QUEUED")).extract().path("orderId");

        // the outbox row's id is time-ordered (v7), so its primary key index is appended to
        assertEquals(7, pool.preparedQuery("select id from outbox_event where message_key = $1")
                .execute(Tuple.of(shop.profileRef())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getUUID(0).version());

        // the poll is hourly: only the order path's own signal after commit can have moved it
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.events(Topics.MAIL_REQUESTS,
                SendMailRequested.class).stream().anyMatch(r -> orderId.equals(r.source().entityId())));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from outbox_event "
                + "where message_key = $1 and published_at is null", shop.profileRef()) == 0);
    }

    @Test
    void anEventMovesWhenTheWriterSaysItCommitted() {
        String key = "commit-" + UUID.randomUUID();
        insert(key, 1);
        outbox.committed();
        // marked published when the page's transaction commits, just after Kafka acknowledged the record
        await().atMost(Duration.ofSeconds(10)).until(() -> recordsOf(key).size() == 1 && unpublished(key) == 0);
        assertEquals(1, recordsOf(key).size(), "once");
    }

    @Test
    void oneCommitOfManyEventsIsDrainedPastOnePageInOrder() {
        String key = "drain-" + UUID.randomUUID();
        insert(key, 1_250); // one statement, one signal, three pages
        outbox.committed();
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(key).size() >= 1_250 && unpublished(key) == 0);
        List<String> seq = recordsOf(key).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(1_250, seq.size(), "each event once");
        for (int i = 0; i < seq.size(); i++) {
            assertEquals("{\"n\":" + (i + 1) + "}", seq.get(i), "in commit order");
        }
        assertEquals(0, unpublished(key));
    }

    @Test
    void largeEventsArePagedByTheirBytesAndAllOfThemMoveInOrder() {
        relay.drain();
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("select count(*) from outbox_event "
                + "where published_at is null").execute().await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0) == 0);
        String key = "large-" + UUID.randomUUID();
        int events = 20;
        pool.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, payload, created_at) "
                + "SELECT gen_random_uuid(), $1, $2, convert_to('{\"n\":' || lpad(i::text, 2, '0') || ',\"pad\":\"' "
                + "|| repeat(md5(i::text), 9375) || '\"}', 'UTF8'), clock_timestamp() + i * interval '1 microsecond' "
                + "FROM generate_series(1, $3) AS i").execute(Tuple.of(TOPIC, key, events))
                .await().atMost(Duration.ofSeconds(30));
        long size = count("select max(octet_length(payload)) from outbox_event where message_key = $1", key);
        long firstPage = Math.min(events, (pageBytes + size - 1) / size); // the first that starts within the budget
        assertTrue(firstPage < events, "the events outgrow one page's bytes: " + size + " bytes each");

        assertEquals(firstPage, (long) relay.publishPage().await().atMost(Duration.ofSeconds(30)),
                "one page holds the events that start within " + pageBytes + " bytes, not " + OutboxRelay.class
                        .getSimpleName() + "'s 500");
        assertEquals(events - firstPage, unpublished(key));
        outbox.committed(); // a drain goes on past a page cut short by its bytes
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(key) == 0);
        List<String> seq = recordsOf(key).stream()
                .map(r -> new String(r.value(), 0, 7, StandardCharsets.UTF_8)).toList();
        assertEquals(events, seq.size(), "each event once");
        for (int i = 0; i < events; i++) {
            assertEquals(String.format("{\"n\":%02d", i + 1), seq.get(i), "in commit order");
        }
    }

    @Test
    void whileAnotherRelayHoldsTheLockNothingMovesAndRightAfterItLetsGoEverythingDoes() {
        String key = "locked-" + UUID.randomUUID();
        SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            other.query("BEGIN").execute().await().atMost(Duration.ofSeconds(10));
            other.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                    .await().atMost(Duration.ofSeconds(10));
            insert(key, 3);
            assertEquals(0, relay.publishPage().await().atMost(Duration.ofSeconds(10)), "locked out");
            outbox.committed(); // a drain that meets the other relay's lock, and keeps trying
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> unpublished(key) == 3);
            other.query("COMMIT").execute().await().atMost(Duration.ofSeconds(10)); // the other relay is done
        } finally {
            other.closeAndAwait();
        }
        // no new signal and an hourly poll: the locked-out drain's own retry publishes them
        await().atMost(Duration.ofSeconds(5)).until(() -> unpublished(key) == 0);
        assertEquals(3, recordsOf(key).size(), "published once, after the lock was released");
    }

    @Test
    void publishedEventsAreDeletedAfterTheRetentionAndUnpublishedOnesNever() {
        String key = "retention-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, payload, created_at, published_at) "
                + "VALUES ($1, $2, $3, '\\x7b7d', now() - interval '26 hours', now() - interval '25 hours'), "
                + "($4, $2, $3, '\\x7b7d', now() - interval '2 hours', now() - interval '1 hour')")
                .execute(Tuple.of(UUID.randomUUID(), TOPIC, key, UUID.randomUUID()))
                .await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, payload, created_at) "
                + "VALUES ($1, $2, $3, '\\x7b7d', now() - interval '30 hours')")
                .execute(Tuple.of(UUID.randomUUID(), TOPIC, key + "-waiting"))
                .await().atMost(Duration.ofSeconds(10));
        retention.deletePublishedBefore(Duration.ofHours(24)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, count("select count(*) from outbox_event where message_key = $1", key), "the recent one stays");
        assertEquals(1, count("select count(*) from outbox_event where message_key = $1", key + "-waiting"),
                "an unpublished event is never deleted, however old");
        relay.drain();
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(key + "-waiting") == 0);
        assertTrue(recordsOf(key + "-waiting").size() >= 1);
    }

    private void insert(String key, int n) {
        pool.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, payload, created_at) "
                + "SELECT gen_random_uuid(), $1, $2, convert_to('{\"n\":' || i || '}', 'UTF8'), "
                + "clock_timestamp() + i * interval '1 microsecond' FROM generate_series(1, $3) AS i")
                .execute(Tuple.of(TOPIC, key, n)).await().atMost(Duration.ofSeconds(30));
    }

    private long unpublished(String key) {
        return count("select count(*) from outbox_event where message_key = $1 and published_at is null", key);
    }

    private long count(String sql, String key) {
        return pool.preparedQuery(sql).execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).iterator()
                .next().getLong(0);
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String key) {
        return kafka.records(TOPIC).stream().filter(r -> key.equals(r.key())).toList();
    }
}
