package io.mailoo.support.db;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.support.http.DependencyOutage;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * PostgreSQL failures that say the database is overloaded or away for a moment: out of connections (53300, "too
 * many clients" at 500 orders/s with several replicas), other insufficient resources (class 53), a broken or refused
 * connection (class 08), an administrator's or a crash's shutdown and "starting up" (57P01–57P03), and a pooled
 * connection that closed under the statement. Statement errors (syntax, constraints, deadlocks) are not.
 */
@ApplicationScoped
public class PostgresOutage implements DependencyOutage {

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    private static final PostgresOutage INSTANCE = new PostgresOutage();

    @Override
    public boolean recognises(Throwable failure) {
        if (failure instanceof ClosedConnectionException) {
            return true;
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("53") || state.startsWith("08") || SHUTDOWN_STATES.contains(state);
        }
        return false;
    }

    /** Whether the failure or one of its causes is an outage (for code that is not a bean: DatabaseRetry). */
    public static boolean isOutage(Throwable failure) {
        return INSTANCE.foundIn(failure) != null;
    }
}
