package io.mailoo.dispatch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.repository.DispatchMessageRepository.OutcomeWrite;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.support.db.DatabaseConnectOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.PoolOptions;

/**
 * dispatch_message's statements on real PostgreSQL. Many-row statements of the same rows, side by side, never
 * deadlock (all lock in id order). The outcome statement, on a connection that has never prepared it and whichever
 * outcome comes first, is stored, and is prepared once and kept in the connection's statement cache. Before,
 * PostgreSQL could not type one of its parameters ({@code CASE … THEN NULL ELSE $4 END}): every batch was refused once
 * ("next_attempt_at is of type timestamp with time zone but expression is of type text", 8,529 such errors in the
 * server log of one benchmark), prepared again with the first row's Java types, and never cached. An outcome marks its
 * result unpublished (dispatch_result_unpublished) until Kafka acknowledges that outcome's result.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class DispatchMessageStatementsTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    DatabaseConnectOptions connectOptions;

    @Test
    void aFinalOutcomeFirstThenADeferralOnAFreshConnection() {
        outcomesInOrder(MailStatus.SENT, MailStatus.DEFERRED);
    }

    @Test
    void aDeferralFirstThenAFinalOutcomeOnAFreshConnection() {
        outcomesInOrder(MailStatus.DEFERRED, MailStatus.SENT);
    }

    private void outcomesInOrder(MailStatus first, MailStatus second) {
        Pool fresh = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(connectOptions.get().setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            DispatchMessageRepository repository = new DispatchMessageRepository(fresh);
            for (MailStatus status : List.of(first, second)) {
                UUID id = queued();
                Instant next = status == MailStatus.DEFERRED
                        ? Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MICROS) : null;
                OutcomeWrite write = new OutcomeWrite(id, status, 1, next,
                        status == MailStatus.SENT ? new SmtpReply(250, "2.0.0", "Ok") : null, null,
                        status == MailStatus.DEFERRED ? "SMTP_TIMEOUT" : null, Instant.now());
                Map<UUID, String> stored = repository.recordOutcomes(List.of(write)).await()
                        .atMost(Duration.ofSeconds(10));
                assertEquals(Map.of(id, status.name()), stored);
                Row row = pool.preparedQuery("SELECT status, next_attempt_at FROM dispatch_message "
                        + "WHERE message_id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))
                        .iterator().next();
                assertEquals(status.name(), row.getString("status"));
                if (next == null) {
                    assertNull(row.getOffsetDateTime("next_attempt_at"));
                } else {
                    assertEquals(next, row.getOffsetDateTime("next_attempt_at").toInstant());
                }
            }
            // the fresh pool's one connection kept the statement as first prepared (a refused first preparation
            // falls back to an unnamed statement that is prepared again for every batch)
            long kept = fresh.query("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE "
                    + "'WITH updated AS (UPDATE dispatch_message SET %'").execute().await()
                    .atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
            assertEquals(1, kept, "the outcome statement is prepared once per connection and kept");
        } finally {
            fresh.closeAndAwait();
        }
    }

    @Test
    void renewalsAcknowledgementsAndOutcomesOfTheSameRowsSideBySideNeverDeadlock() {
        UUID owner = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, "
                + "expires_at, created_at, updated_at, lease_owner, lease_until) "
                + "SELECT gen_random_uuid(), 'integration:lock-order-test', 'WELCOME', 'QUEUED', 0, "
                + "now() + interval '1 day', now(), now(), $1, now() + interval '1 minute' "
                + "FROM generate_series(1, 1000) RETURNING message_id").execute(Tuple.of(owner)).await()
                .atMost(Duration.ofSeconds(10)).forEach(row -> ids.add(row.getUUID("message_id")));
        pool.preparedQuery("INSERT INTO dispatch_result_unpublished (message_id, since) "
                + "SELECT unnest($1::uuid[]), now()").execute(Tuple.of(ids.toArray(UUID[]::new))).await()
                .atMost(Duration.ofSeconds(10));
        List<UUID> postgresOrder = new ArrayList<>();
        pool.preparedQuery("SELECT id FROM unnest($1::uuid[]) AS id ORDER BY id")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> postgresOrder.add(row.getUUID("id")));
        assertEquals(postgresOrder, ids.stream().sorted(DispatchMessageRepository.POSTGRES_ORDER).toList(),
                "the outcome batch is sorted the way PostgreSQL sorts the ids it locks");
        DispatchMessageRepository repository = new DispatchMessageRepository(pool);
        Random random = new Random(42);
        for (int round = 0; round < 10; round++) {
            List<UUID> renewed = shuffled(ids, random);
            List<UUID> acknowledged = shuffled(ids, random);
            List<OutcomeWrite> outcomes = shuffled(ids, random).subList(0, 400).stream()
                    .map(id -> new OutcomeWrite(id, MailStatus.DEFERRED, 1, Instant.now().plusSeconds(60), null, null,
                            "SMTP_TIMEOUT", Instant.now()))
                    .toList();
            Instant later = Instant.now().plusSeconds(3600);
            // three connections at once, as the lease renewal, Kafka's acknowledgements and the recorder run
            Uni.combine().all().unis(repository.renewLeases(renewed, owner, 60_000),
                    repository.resultsPublished(acknowledged.stream()
                            .map(id -> new DispatchMessageRepository.PublishedResult(id, later)).toList()),
                    repository.recordOutcomes(outcomes))
                    .discardItems().await().atMost(Duration.ofSeconds(60));
        }
        long deferred = pool.preparedQuery("SELECT count(*) AS n FROM dispatch_message WHERE message_id = ANY($1) "
                + "AND status = 'DEFERRED'").execute(Tuple.of(ids.toArray(UUID[]::new))).await()
                .atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertTrue(deferred >= 400, "every round's outcomes were stored: " + deferred);
    }

    @Test
    void anOutcomeMarksItsResultUnpublishedUntilTheAcknowledgementOfThatOutcome() {
        DispatchMessageRepository repository = new DispatchMessageRepository(pool);
        UUID id = queued();
        Instant deferredAt = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        repository.recordOutcomes(List.of(new OutcomeWrite(id, MailStatus.DEFERRED, 1, Instant.now().plusSeconds(60),
                null, null, "SMTP_TIMEOUT", deferredAt))).await().atMost(Duration.ofSeconds(10));
        assertEquals(deferredAt, unpublishedSince(id), "the deferral's result waits for Kafka");

        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.recordOutcomes(List.of(new OutcomeWrite(id, MailStatus.SENT, 2, null,
                new SmtpReply(250, "2.0.0", "Ok"), null, null, sentAt))).await().atMost(Duration.ofSeconds(10));
        assertEquals(sentAt, unpublishedSince(id), "a later outcome moves the mark to its own time");

        repository.resultsPublished(List.of(new DispatchMessageRepository.PublishedResult(id, deferredAt))).await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(sentAt, unpublishedSince(id), "a late acknowledgement of the deferral leaves the SENT result marked");

        repository.resultsPublished(List.of(new DispatchMessageRepository.PublishedResult(id, sentAt))).await()
                .atMost(Duration.ofSeconds(10));
        assertNull(unpublishedSince(id), "the SENT result's acknowledgement clears the mark");
        assertEquals("SENT", pool.preparedQuery("SELECT status FROM dispatch_message WHERE message_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0));
    }

    private Instant unpublishedSince(UUID id) {
        var rows = pool.preparedQuery("SELECT since FROM dispatch_result_unpublished WHERE message_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("since").toInstant();
    }

    private static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    private UUID queued() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, "
                + "expires_at, created_at, updated_at) VALUES ($1, 'integration:outcome-statement-test', 'WELCOME', "
                + "'QUEUED', 0, now() + interval '1 day', now(), now())").execute(Tuple.of(id)).await()
                .atMost(Duration.ofSeconds(10));
        return id;
    }
}
