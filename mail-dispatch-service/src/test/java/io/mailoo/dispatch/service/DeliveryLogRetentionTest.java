package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mailoo.dispatch.support.DispatchTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The delivery log's retention on real PostgreSQL: final messages older than the retention go with their attempts;
 * pending ones, recent ones and one whose result Kafka has not acknowledged stay; a retention under a day counts as a
 * day (the daily cap reads the last 24 hours of SENT rows); more than one batch is deleted in one round.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class DeliveryLogRetentionTest {

    private static final String PROFILE = "integration:retention-test";
    private static final String DAY_PROFILE = "integration:retention-day-test";

    @Inject
    DeliveryLogRetention retention;

    @Inject
    Pool pool;

    @Test
    void finalMessagesPastTheRetentionGoWithTheirAttemptsAndNothingElseDoes() {
        Instant now = Instant.now();
        UUID oldSent = message("SENT", now.minus(Duration.ofDays(31)));
        UUID oldFailed = message("FAILED", now.minus(Duration.ofDays(40)));
        UUID oldCancelled = message("CANCELLED", now.minus(Duration.ofDays(31)));
        UUID oldDeferred = message("DEFERRED", now.minus(Duration.ofDays(31)));
        UUID oldQueued = message("QUEUED", now.minus(Duration.ofDays(31)));
        UUID recentSent = message("SENT", now.minus(Duration.ofDays(29)));
        UUID oldUnacknowledged = message("SENT", now.minus(Duration.ofDays(31)));
        pool.preparedQuery("INSERT INTO dispatch_result_unpublished (message_id, since) VALUES ($1, now())")
                .execute(Tuple.of(oldUnacknowledged)).await().atMost(Duration.ofSeconds(10));

        int deleted = retention.deleteOlderThan(Duration.ofDays(30), now).await().atMost(Duration.ofSeconds(30));

        assertTrue(deleted >= 3, "this test's three, and any such row another test left: " + deleted);
        assertEquals(Set.of(oldDeferred, oldQueued, recentSent, oldUnacknowledged), remaining(PROFILE));
        assertEquals(0, attemptsOf(List.of(oldSent, oldFailed, oldCancelled)));
        assertEquals(4, attemptsOf(List.of(oldDeferred, oldQueued, recentSent, oldUnacknowledged)));
    }

    @Test
    void aRetentionUnderADayKeepsTheLastDaysMailForTheDailyCap() {
        Instant now = Instant.now();
        UUID twoHours = message(DAY_PROFILE, "SENT", now.minus(Duration.ofHours(2)));
        UUID twoDays = message(DAY_PROFILE, "SENT", now.minus(Duration.ofDays(2)));

        retention.deleteOlderThan(Duration.ofHours(1), now).await().atMost(Duration.ofSeconds(30));

        Set<UUID> left = remaining(DAY_PROFILE);
        assertTrue(left.contains(twoHours), "a SENT row of the last 24 hours stays");
        assertFalse(left.contains(twoDays));
    }

    @Test
    void moreThanOneBatchGoesInOneRound() {
        Instant old = Instant.now().minus(Duration.ofDays(60));
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, "
                + "expires_at, created_at, updated_at) SELECT gen_random_uuid(), $1, 'WELCOME', 'SENT', 1, $2, $2, $2 "
                + "FROM generate_series(1, 2500)").execute(Tuple.of(PROFILE + "-bulk", odt(old))).await()
                .atMost(Duration.ofSeconds(30));

        retention.deleteOlderThan(Duration.ofDays(30), Instant.now()).await().atMost(Duration.ofSeconds(60));

        assertEquals(0L, pool.preparedQuery("SELECT count(*) AS n FROM dispatch_message WHERE profile_ref = $1")
                .execute(Tuple.of(PROFILE + "-bulk")).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong("n"));
    }

    private UUID message(String status, Instant updatedAt) {
        return message(PROFILE, status, updatedAt);
    }

    private UUID message(String profile, String status, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, "
                + "expires_at, created_at, updated_at) VALUES ($1, $2, 'WELCOME', $3, 1, $4, $4, $4)")
                .execute(Tuple.of(id, profile, status, odt(updatedAt))).await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery("INSERT INTO dispatch_attempt (message_id, attempt, status, occurred_at) "
                + "VALUES ($1, 1, $2, $3)").execute(Tuple.of(id, status, odt(updatedAt))).await()
                .atMost(Duration.ofSeconds(10));
        return id;
    }

    private Set<UUID> remaining(String profile) {
        Set<UUID> ids = new HashSet<>();
        pool.preparedQuery("SELECT message_id FROM dispatch_message WHERE profile_ref = $1")
                .execute(Tuple.of(profile)).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> ids.add(row.getUUID("message_id")));
        return ids;
    }

    private long attemptsOf(List<UUID> ids) {
        return pool.preparedQuery("SELECT count(*) AS n FROM dispatch_attempt WHERE message_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10)).iterator()
                .next().getLong("n");
    }

    private static java.time.OffsetDateTime odt(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
