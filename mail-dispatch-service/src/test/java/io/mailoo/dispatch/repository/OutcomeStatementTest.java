package io.mailoo.dispatch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.repository.DispatchMessageRepository.OutcomeWrite;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The outcome statement on a connection that has never prepared it, whichever outcome comes first: it is stored, and
 * prepared once and kept in the connection's statement cache. Before, PostgreSQL could not type one of its parameters
 * ({@code CASE … THEN NULL ELSE $4 END}): every batch was refused once ("next_attempt_at is of type timestamp with
 * time zone but expression is of type text", 8,529 such errors in the server log of one benchmark), prepared again
 * with the first row's Java types, and never cached.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class OutcomeStatementTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String password;

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
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password)
                        .setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            DispatchMessageRepository repository = new DispatchMessageRepository(fresh);
            for (MailStatus status : List.of(first, second)) {
                UUID id = queued();
                Instant next = status == MailStatus.DEFERRED ? Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MICROS)
                        : null;
                OutcomeWrite write = new OutcomeWrite(id, status, 1, next,
                        status == MailStatus.SENT ? new SmtpReply(250, "2.0.0", "Ok") : null, null,
                        status == MailStatus.DEFERRED ? "SMTP_TIMEOUT" : null, Instant.now());
                Map<UUID, String> stored = repository.recordOutcomes(List.of(write)).await()
                        .atMost(Duration.ofSeconds(10));
                assertEquals(Map.of(id, status.name()), stored);
                Row row = pool.preparedQuery("SELECT status, next_attempt_at FROM dispatch_message WHERE message_id = $1")
                        .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next();
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

    private UUID queued() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, "
                + "expires_at, created_at, updated_at) VALUES ($1, 'integration:outcome-statement-test', 'WELCOME', "
                + "'QUEUED', 0, now() + interval '1 day', now(), now())").execute(Tuple.of(id)).await()
                .atMost(Duration.ofSeconds(10));
        return id;
    }
}
