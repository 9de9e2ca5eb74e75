package io.mailoo.market.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * When each API key was last used, kept in memory and written every {@code API_KEY_LAST_USED_FLUSH_INTERVAL}
 * (default 5 s) in one UPDATE for all keys used since. Writing it per order made every order of a key wait on that
 * key's row lock (issue 12: 14 of 16 connections waiting at 500 orders/s). A later time never goes back to an
 * earlier one, whichever replica writes first; a failed write is kept and tried again on the next tick.
 */
@ApplicationScoped
public class ApiKeyUsage {

    public static final String FLUSH_JOB = "api-key-usage-flush";
    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);
    private static final String UPDATE = "UPDATE api_key AS k SET last_used_at = u.used_at"
            + " FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, used_at)"
            + " WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)";

    private final Map<UUID, Instant> seen = new ConcurrentHashMap<>();
    private final Pool pool;

    public ApiKeyUsage(Pool pool) {
        this.pool = pool;
    }

    public void record(UUID keyId, Instant at) {
        seen.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(identity = FLUSH_JOB, every = "${mailoo.market.api-key-last-used-flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledFlush() {
        return flush();
    }

    /** Writes every use recorded so far in one statement (none when nothing was used). */
    public Uni<Void> flush() {
        List<UUID> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        for (Map.Entry<UUID, Instant> e : seen.entrySet()) {
            if (seen.remove(e.getKey(), e.getValue())) {
                ids.add(e.getKey());
                times.add(OffsetDateTime.ofInstant(e.getValue(), ZoneOffset.UTC));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(UPDATE)
                .execute(Tuple.of(ids.toArray(UUID[]::new), times.toArray(OffsetDateTime[]::new)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    for (int i = 0; i < ids.size(); i++) {
                        record(ids.get(i), times.get(i).toInstant());
                    }
                    LOG.warnf("API keys' last_used_at not written, trying again on the next tick: %s", failure);
                    return null;
                });
    }

    void writeOnShutdown(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("API keys' last_used_at of the last seconds not written at shutdown: %s", e.getMessage());
        }
    }
}
