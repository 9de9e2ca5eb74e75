package io.mailoo.dispatch.service;

import io.vertx.pgclient.PgException;

/**
 * What may be logged of a failure from the database or a library: its type and, for PostgreSQL, the SQL state.
 * Their messages can quote parameter values — mail bodies, addresses, sealed secrets — which stay out of logs.
 */
public final class FailureDescription {

    private FailureDescription() {
    }

    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        if (failure instanceof PgException pg) {
            return "PostgreSQL error " + pg.getSqlState();
        }
        return failure.getClass().getSimpleName();
    }
}
