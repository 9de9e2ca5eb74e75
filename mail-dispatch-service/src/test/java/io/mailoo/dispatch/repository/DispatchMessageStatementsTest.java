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
                    + "'WITH o AS MATERIALIZED (SELECT * FROM unnest(%'").execute().await()
                    .atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
            assertEquals(1, kept, "the outcome statement is prepared once per connection and kept: " + fresh
                    .query("SELECT string_agg(left(statement, 60), ' | ') AS s FROM pg_prepared_statements").execute()
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("s"));
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

    /**
     * A batch is one statement over arrays; each row gets its own values, its own line of the log and its own mark, a
     * cancel asked while the message was held turns only that row's deferral into CANCELLED, and two outcomes of one
     * message in one batch are both recorded, in the order given.
     */
    @Test
    void aBatchStoresEachRowsOwnOutcomeAndTwoOutcomesOfOneMessageInOrder() {
        DispatchMessageRepository repository = new DispatchMessageRepository(pool);
        UUID sent = queued();
        UUID deferred = queued();
        UUID cancelled = queued();
        UUID twice = queued();
        pool.preparedQuery("UPDATE dispatch_message SET cancel_requested_at = now() WHERE message_id = $1")
                .execute(Tuple.of(cancelled)).await().atMost(Duration.ofSeconds(10));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant next = at.plusSeconds(90);
        List<OutcomeWrite> batch = List.of(
                new OutcomeWrite(twice, MailStatus.DEFERRED, 1, next, new SmtpReply(451, "4.7.1", "later"), null,
                        "SMTP_TRANSIENT", at),
                new OutcomeWrite(sent, MailStatus.SENT, 1, null, new SmtpReply(250, "2.0.0", "Ok"), null, null, at),
                new OutcomeWrite(deferred, MailStatus.DEFERRED, 2, next, null,
                        io.mailoo.contracts.events.SmtpStep.CONNECT, "SMTP_TIMEOUT", at),
                new OutcomeWrite(cancelled, MailStatus.DEFERRED, 1, next, null, null, "SMTP_TIMEOUT", at),
                new OutcomeWrite(twice, MailStatus.SENT, 2, null, new SmtpReply(250, "2.0.0", "Ok"), null, null,
                        at.plusMillis(1)));
        assertEquals(2, DispatchMessageRepository.roundsOfDistinctMessages(batch).size());

        Map<UUID, String> stored = repository.recordOutcomes(batch).await().atMost(Duration.ofSeconds(10));
        assertEquals(Map.of(sent, "SENT", deferred, "DEFERRED", cancelled, "CANCELLED", twice, "SENT"), stored);

        Row d = pool.preparedQuery("SELECT status, attempt, next_attempt_at, smtp_step, error_code, smtp_code, "
                + "lease_owner FROM dispatch_message WHERE message_id = $1").execute(Tuple.of(deferred)).await()
                .atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals("DEFERRED", d.getString("status"));
        assertEquals(2, d.getInteger("attempt"));
        assertEquals(next, d.getOffsetDateTime("next_attempt_at").toInstant());
        assertEquals("CONNECT", d.getString("smtp_step"));
        assertEquals("SMTP_TIMEOUT", d.getString("error_code"));
        assertNull(d.getInteger("smtp_code"));
        Row c = pool.preparedQuery("SELECT status, next_attempt_at, error_code FROM dispatch_message "
                + "WHERE message_id = $1").execute(Tuple.of(cancelled)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        assertEquals("CANCELLED", c.getString("status"));
        assertNull(c.getOffsetDateTime("next_attempt_at"));
        assertEquals("CANCELLED_BY_OWNER", c.getString("error_code"));

        List<String> log = new ArrayList<>();
        pool.preparedQuery("SELECT message_id, attempt, status FROM dispatch_attempt WHERE message_id = ANY($1) "
                + "ORDER BY id").execute(Tuple.of(new UUID[] { sent, deferred, cancelled, twice })).await()
                .atMost(Duration.ofSeconds(10)).forEach(row -> log.add((row.getUUID(0).equals(sent) ? "sent"
                        : row.getUUID(0).equals(deferred) ? "deferred"
                                : row.getUUID(0).equals(cancelled) ? "cancelled" : "twice")
                        + ":" + row.getInteger(1) + ":" + row.getString(2)));
        assertEquals(6, log.size(), log.toString());
        assertTrue(log.indexOf("twice:1:DEFERRED") < log.indexOf("twice:2:SENT"), log.toString());
        assertTrue(log.containsAll(List.of("sent:1:SENT", "deferred:2:DEFERRED", "cancelled:1:DEFERRED",
                "cancelled:1:CANCELLED")), log.toString());
        assertEquals(at.plusMillis(1), unpublishedSince(twice), "the later outcome's mark");
        assertEquals(at, unpublishedSince(sent));
    }

    /**
     * New rows go in as one statement over arrays: each row keeps its own body (compressed with lz4) and recipients (to,
     * cc, bcc; none for a refusal),
     * a queued row is leased to the inserting instance and a refused one is not, a row without a project takes its
     * profile's, and a message already stored is neither changed nor reported as inserted.
     */
    @Test
    void aBatchOfNewRowsKeepsEachRowsRecipientsLeaseAndProject() {
        DispatchMessageRepository repository = new DispatchMessageRepository(pool);
        pool.preparedQuery("INSERT INTO mail_profile (profile_ref, project_uid, version, updated_at) "
                + "VALUES ('integration:insert-batch-test', 'project-of-profile', 1, now()) ON CONFLICT DO NOTHING")
                .execute().await().atMost(Duration.ofSeconds(10));
        UUID known = queued();
        Instant expires = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
        var many = request(List.of("a@example.com", "b@example.com"), List.of("c@example.com"),
                List.of("d@example.com"), "project-given");
        var none = request(List.of(), List.of(), List.of(), null);
        var one = request(List.of("e@example.com"), List.of(), List.of(), null);
        var again = new io.mailoo.contracts.events.SendMailRequested(known, "integration:insert-batch-test", 0,
                io.mailoo.contracts.events.MailPurpose.WELCOME, null, null, List.of("x@example.com"), null, null, null,
                "s", "t", null, null, null, Instant.now(), null);
        UUID owner = UUID.randomUUID();
        byte[] body = "{\"text\":\"Thank you for your order\"}".repeat(300).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var inserted = repository.insertNew(List.of(
                new DispatchMessageRepository.NewMessage(many, null, null, expires, body, 2),
                new DispatchMessageRepository.NewMessage(none, MailStatus.REJECTED, "NO_RECIPIENTS", expires, null,
                        -1),
                new DispatchMessageRepository.NewMessage(again, null, null, expires, new byte[] { 9 }, 0),
                new DispatchMessageRepository.NewMessage(one, null, null, expires, new byte[] { 4 }, 1)),
                Instant.now(), owner, 60_000).await().atMost(Duration.ofSeconds(10));
        assertEquals(java.util.Set.of(many.messageId(), none.messageId(), one.messageId()), inserted);

        Row m = row(many.messageId());
        assertEquals(List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com"),
                List.of(m.getArrayOfStrings("recipients")));
        assertEquals("QUEUED", m.getString("status"));
        assertEquals(owner, m.getUUID("lease_owner"));
        assertTrue(m.getOffsetDateTime("lease_until").toInstant().isAfter(Instant.now().plusSeconds(50)));
        assertEquals(2, m.getInteger("kafka_partition"));
        assertEquals("project-given", m.getString("project_uid"));
        assertEquals(expires, m.getOffsetDateTime("expires_at").toInstant());
        assertEquals(java.util.Arrays.toString(body), java.util.Arrays.toString(m.getBuffer("request").getBytes()));
        assertEquals("lz4", pool.preparedQuery("SELECT pg_column_compression(request) AS c FROM dispatch_message "
                + "WHERE message_id = $1").execute(Tuple.of(many.messageId())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("c"), "a body is compressed with lz4 (V22), not pglz");

        Row r = row(none.messageId());
        assertEquals(0, r.getArrayOfStrings("recipients").length);
        assertEquals("REJECTED", r.getString("status"));
        assertEquals("NO_RECIPIENTS", r.getString("error_code"));
        assertNull(r.getUUID("lease_owner"));
        assertNull(r.getOffsetDateTime("next_attempt_at"));
        assertNull(r.getBuffer("request"));
        assertNull(r.getInteger("kafka_partition"));
        assertEquals("project-of-profile", r.getString("project_uid"));

        assertEquals(List.of("e@example.com"), List.of(row(one.messageId()).getArrayOfStrings("recipients")));
        Row k = row(known);
        assertNull(k.getArrayOfStrings("recipients"), "the row already stored is left as it was");
        assertNull(k.getUUID("lease_owner"));
    }

    /**
     * Hostile recipients (a refused request keeps what it was sent, valid or not): array syntax, quotes, backslashes,
     * an empty string and SQL travel as values of the flat array, and each row's slice is exactly its own.
     */
    @Test
    void recipientsThatLookLikeArraySyntaxOrSqlStayExactlyAsSentAndInTheirOwnRow() {
        DispatchMessageRepository repository = new DispatchMessageRepository(pool);
        List<String> hostile = List.of("{a,b}", "\"x\"@example.com", "back\\slash@example.com", "",
                "NULL", "'); DROP TABLE dispatch_message; --", "c,d@example.com");
        var refused = request(hostile.subList(0, 4), hostile.subList(4, 6), hostile.subList(6, 7), null);
        var next = request(List.of("ok@example.com"), List.of(), List.of(), null);
        Instant expires = Instant.now().plusSeconds(3600);
        repository.insertNew(List.of(
                new DispatchMessageRepository.NewMessage(refused, MailStatus.REJECTED, "RECIPIENT_INVALID", expires,
                        null, 0),
                new DispatchMessageRepository.NewMessage(next, null, null, expires, new byte[] { 1 }, 0)),
                Instant.now(), UUID.randomUUID(), 60_000).await().atMost(Duration.ofSeconds(10));

        assertEquals(hostile, List.of(row(refused.messageId()).getArrayOfStrings("recipients")));
        assertEquals(List.of("ok@example.com"), List.of(row(next.messageId()).getArrayOfStrings("recipients")));
    }

    private static io.mailoo.contracts.events.SendMailRequested request(List<String> to, List<String> cc,
            List<String> bcc, String project) {
        return new io.mailoo.contracts.events.SendMailRequested(UUID.randomUUID(), "integration:insert-batch-test", 0,
                io.mailoo.contracts.events.MailPurpose.WELCOME, project, null, to, cc, bcc, null, "s", "t", null,
                null, null, Instant.now(), null);
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT * FROM dispatch_message WHERE message_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
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
