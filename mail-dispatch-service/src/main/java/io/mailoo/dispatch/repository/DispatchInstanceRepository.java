package io.mailoo.dispatch.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** dispatch_instance: one heartbeat row per running dispatch process, on PostgreSQL's clock. */
@ApplicationScoped
public class DispatchInstanceRepository {

    private final Pool pool;

    public DispatchInstanceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes this process's heartbeat; rows of processes gone for a day are removed on the way. */
    public Uni<Void> beat(UUID instanceId) {
        return pool.preparedQuery("WITH gone AS (DELETE FROM dispatch_instance WHERE heartbeat_at < now() - "
                + "interval '1 day') INSERT INTO dispatch_instance (instance_id, started_at, heartbeat_at) "
                + "VALUES ($1, now(), now()) ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()")
                .execute(Tuple.of(instanceId)).replaceWithVoid();
    }
}
