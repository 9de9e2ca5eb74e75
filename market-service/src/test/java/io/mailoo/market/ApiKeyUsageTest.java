package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailoo.market.service.ApiKeyUsage;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The API key's row is not written by orders: {@code last_used_at} comes from a batched write every flush interval
 * (1 s in tests). The key's lookup is cached, yet a revocation stops the key at once on the replica that made it,
 * right after it commits on the others (NOTIFY), and within the cache's ttl (5 s in tests) if that notification is
 * lost.
 */
@QuarkusTest
class ApiKeyUsageTest extends MarketTestBase {

    @Inject
    Scheduler scheduler;

    Shop shop;
    String key;
    UUID keyId;

    @BeforeEach
    void setUp() {
        shop = fixtures.shop("Usage Shop");
        fixtures.product(shop, "TEA-01", "Green tea", 1250, "EUR");
        key = fixtures.apiKey(shop);
        keyId = UUID.fromString(given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("api-keys")).then()
                .statusCode(200).extract().path("[0].id"));
    }

    private int order() {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", "usage@buyers.test"), "items",
                        List.of(Map.of("sku", "TEA-01", "quantity", 1))))
                .post(shop.ordersPath()).statusCode();
    }

    private Row keyRow() {
        return fixtures.query("select xmin::text::bigint, last_used_at from api_key where id = $1", keyId).get(0);
    }

    private static Duration setting(String name) {
        return ConfigProvider.getConfig().getValue(name, Duration.class);
    }

    @Test
    void ordersDoNotWriteTheKeysRowAndLastUsedAtFollowsWithinTheFlushInterval() {
        Duration flush = setting("mailoo.market.api-key-last-used-flush-interval");
        scheduler.pause(ApiKeyUsage.FLUSH_JOB);
        Instant beforeLast;
        try {
            long version = keyRow().getLong(0);
            for (int i = 0; i < 5; i++) {
                assertEquals(201, order());
            }
            beforeLast = Instant.now().minusMillis(1);
            assertEquals(201, order());
            // no order touched the row: same tuple version (xmin), nothing written yet
            Row row = keyRow();
            assertEquals(version, row.getLong(0), "an order wrote the API key's row");
            assertNull(row.getValue(1));
        } finally {
            scheduler.resume(ApiKeyUsage.FLUSH_JOB);
        }
        // the batched write brings it within the flush interval (plus a tick of slack)
        await().atMost(flush.plusSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Object used = keyRow().getValue(1);
            return used != null && !((OffsetDateTime) used).toInstant().isBefore(beforeLast);
        });
        given().auth().oauth2(shop.ownerToken()).get(shop.ownerPath("api-keys")).then().statusCode(200)
                .body("[0].lastUsedAt", notNullValue());

        // and it keeps advancing with later use, never going back
        Instant first = ((OffsetDateTime) keyRow().getValue(1)).toInstant();
        assertEquals(201, order());
        await().atMost(flush.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((OffsetDateTime) keyRow().getValue(1)).toInstant().isAfter(first));
    }

    @Test
    void aRevocationByAnotherReplicaStopsTheKeyRightAfterItCommits() {
        assertEquals(201, order()); // the key is now in this replica's cache (ttl 5 s in tests)
        // another replica revokes: only the row changes; its trigger NOTIFYs every replica at commit
        fixtures.query("update api_key set revoked_at = now() where id = $1", keyId);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> order() == 401);
        revokedAnswer();
    }

    @Test
    void withoutTheNotificationARevokedKeyStopsWithinTheLookupTtl() {
        Duration ttl = setting("mailoo.market.lookup-cache-ttl");
        assertEquals(201, order());
        fixtures.query("alter table api_key disable trigger api_key_changed");
        try {
            fixtures.query("update api_key set revoked_at = now() where id = $1", keyId);
            long t0 = System.nanoTime();
            assertEquals(201, order(), "the cached lookup is used (otherwise this test proves nothing)");
            await().atMost(ttl.plusSeconds(1)).pollInterval(Duration.ofMillis(100)).until(() -> order() == 401);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(ttl.plusSeconds(1)) <= 0, "revoked key accepted for " + took);
            revokedAnswer();
        } finally {
            fixtures.query("alter table api_key enable trigger api_key_changed");
        }
    }

    private void revokedAnswer() {
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("buyer", Map.of("email", "usage@buyers.test"), "items",
                        List.of(Map.of("sku", "TEA-01", "quantity", 1))))
                .post(shop.ordersPath()).then().statusCode(401).body("code", equalTo("API_KEY_REVOKED"));
    }

    @Test
    void aRevocationOnThisReplicaStopsTheKeyAtOnce() {
        assertEquals(201, order()); // cached
        given().auth().oauth2(shop.ownerToken()).delete(shop.ownerPath("api-keys/" + keyId)).then().statusCode(204);
        assertEquals(401, order());
    }
}
