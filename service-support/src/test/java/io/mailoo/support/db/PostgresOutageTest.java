package io.mailoo.support.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Against the real PostgreSQL of ./mailoo test: the failure a service meets when the database has no connection left
 * for it (53300, played by a role with CONNECTION LIMIT 0) is an outage; a statement's own error is not.
 */
class PostgresOutageTest {

    private static final String ROLE = "mailoo_outage_" + UUID.randomUUID().toString().substring(0, 8);
    private static Vertx vertx;
    private final PostgresOutage outage = PostgresOutage.at(options());

    @BeforeAll
    static void createRoleWithoutConnections() throws Exception {
        vertx = Vertx.vertx();
        asAdmin("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'outage' CONNECTION LIMIT 0");
    }

    @AfterAll
    static void dropRole() throws Exception {
        try {
            asAdmin("DROP ROLE IF EXISTS " + ROLE);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noConnectionLeftIsAnOutage() {
        Throwable refused = failureOf(PgConnection.connect(vertx, options().setUser(ROLE).setPassword("outage")));
        PgException pg = assertInstanceOf(refused);
        assertEquals("53300", pg.getSqlState());
        assertTrue(outage.recognises(refused));
    }

    @Test
    void aStatementErrorIsNoOutage() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        try {
            Throwable syntax = failureOf(connection.query("SELEC 1").execute());
            assertEquals("42601", assertInstanceOf(syntax).getSqlState());
            assertFalse(outage.recognises(syntax));
            Throwable division = failureOf(connection.query("SELECT 1/0").execute());
            assertFalse(outage.recognises(division), "division by zero (22012)");
        } finally {
            await(connection.close());
        }
    }

    @Test
    void aClosedConnectionIsAnOutageAndOtherFailuresAreNot() {
        assertTrue(outage.recognises(ClosedConnectionException.INSTANCE));
        assertTrue(outage.recognises(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(outage.recognises(new PgException("terminating connection", "FATAL", "08006", null)));
        assertFalse(outage.recognises(new PgException("deadlock detected", "ERROR", "40P01", null)));
        assertFalse(outage.recognises(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(outage.recognises(new IllegalStateException("something else")));
    }

    @Test
    void aStoppedDatabaseIsAnOutageButAnotherAddressThatRefusesIsNot() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable refused = failureOf(PgConnection.connect(vertx, options().setPort(closedPort)));

        assertTrue(PostgresOutage.at(options().setPort(closedPort)).foundIn(refused) != null,
                "the database's own address refusing: " + refused);
        assertNull(outage.foundIn(refused), "another address refusing (e.g. an OAuth token endpoint) is no outage");
        assertTrue(PostgresOutage.isOutage(refused), "a consumer's database work: any connect failure is the database");
    }

    private static PgException assertInstanceOf(Throwable failure) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(PgException.class, failure);
    }

    private static PgConnectOptions options() {
        String host = System.getenv().getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("MAILOO_TEST_DB_PORT", "5432"));
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase("postgres")
                .setUser(System.getenv().getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"))
                .setPassword(System.getenv().getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
    }

    private static void asAdmin(String sql) throws Exception {
        PgConnection admin = await(PgConnection.connect(vertx, options()));
        try {
            await(admin.query(sql).execute());
        } finally {
            await(admin.close());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }
}
