package io.mailoo.support.db;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.support.http.DependencyOutage;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * PostgreSQL failures that say the database is overloaded or away for a moment: out of connections (53300, "too
 * many clients" at 500 orders/s with several replicas), other insufficient resources (class 53), a broken connection
 * (class 08), an administrator's or a crash's shutdown and "starting up" (57P01–57P03), a pooled connection that
 * closed under the statement, and the database's address refusing connections or not resolving (a stopped or
 * restarting server). Statement errors (syntax, constraints, deadlocks) are not.
 */
@ApplicationScoped
public class PostgresOutage implements DependencyOutage {

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** For a consumer's database work, where any connect failure can only be the database's. */
    private static final PostgresOutage ANY_ADDRESS = new PostgresOutage(null, -1);

    private final String host;
    private final int port;

    @Inject
    public PostgresOutage(DatabaseConnectOptions database) {
        this(database.get());
    }

    private PostgresOutage(PgConnectOptions database) {
        this(database.getHost(), database.getPort());
    }

    /**
     * @param host the database's host, or null when any connect failure counts
     * @param port the database's port
     */
    PostgresOutage(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** An outage for the database at this address (tests; the bean reads the datasource's). */
    static PostgresOutage at(PgConnectOptions database) {
        return new PostgresOutage(database);
    }

    @Override
    public boolean recognises(Throwable failure) {
        if (failure instanceof ClosedConnectionException) {
            return true;
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("53") || state.startsWith("08") || SHUTDOWN_STATES.contains(state);
        }
        // a connect failure is the database's only when it names the database's address (Netty: "Connection
        // refused: host/10.0.0.5:5432"): an OAuth token endpoint that refuses is no database outage
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof ConnectException) {
            return host == null || message.endsWith(":" + port);
        }
        if (failure instanceof UnknownHostException) {
            return host == null || message.contains(host);
        }
        return false;
    }

    /** Whether the failure or one of its causes is an outage, for a consumer's database work (DatabaseRetry). */
    public static boolean isOutage(Throwable failure) {
        return ANY_ADDRESS.foundIn(failure) != null;
    }
}
