package io.mailoo.support.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.support.http.RateLimitedException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rate limits whose counters live in the service's PostgreSQL ({@code rate_limit_counter}), so every replica counts
 * against the same budget and a flood of distinct keys costs rows that expire, not heap. Keys are stored as a
 * SHA-256 digest: no e-mail address or user id is kept in the table. Each call is one auto-committed statement on
 * the reactive pool, so call it outside a Hibernate transaction (it must count even when the request then fails).
 */
@ApplicationScoped
public class SharedRateLimiter {

    private static final String HIT = """
            WITH cur AS (
              INSERT INTO rate_limit_counter (bucket, window_index, hits, expires_at) VALUES ($1, $2, 1, $3)
              ON CONFLICT (bucket, window_index) DO UPDATE SET hits = rate_limit_counter.hits + 1
              RETURNING hits)
            SELECT cur.hits AS current, COALESCE((SELECT p.hits FROM rate_limit_counter p
                   WHERE p.bucket = $1 AND p.window_index = $2 - 1), 0) AS previous
            FROM cur""";
    private static final String UNDO = "UPDATE rate_limit_counter SET hits = hits - 1 WHERE bucket = $1 AND window_index = $2";

    private final Pool pool;
    private final Clock clock;

    @Inject
    public SharedRateLimiter(Pool pool) {
        this(pool, Clock.systemUTC());
    }

    SharedRateLimiter(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Counts one request for {@code key} under {@code limit}, or fails with {@link RateLimitedException} (429 with
     * Retry-After) without counting it, so a client that waits as told gets through.
     */
    public Uni<Void> acquire(RateLimit limit, String key) {
        long now = clock.millis();
        long windowMillis = limit.window().toMillis();
        long index = now / windowMillis;
        double elapsed = (now % windowMillis) / (double) windowMillis;
        String bucket = digest(limit.name() + '\n' + key);
        OffsetDateTime expires = OffsetDateTime.ofInstant(
                java.time.Instant.ofEpochMilli((index + 2) * windowMillis), ZoneOffset.UTC);
        return pool.preparedQuery(HIT).execute(Tuple.of(bucket, index, expires)).chain(rows -> {
            Row row = rows.iterator().next();
            long current = row.getLong("current") - 1;
            long previous = row.getLong("previous");
            if (SlidingWindow.allows(previous, current, elapsed, limit.limit())) {
                return Uni.createFrom().voidItem();
            }
            long wait = SlidingWindow.millisUntilAllowed(previous, current, elapsed, limit.limit(), windowMillis);
            return pool.preparedQuery(UNDO).execute(Tuple.of(bucket, index)).replaceWith(Uni.createFrom()
                    .failure(new RateLimitedException((wait + 999) / 1000, "Too many requests (" + limit.name()
                            + "): at most " + limit.limit() + " in " + describe(limit) + ". Try again later.")));
        });
    }

    private static String describe(RateLimit limit) {
        long seconds = limit.window().toSeconds();
        return seconds % 3600 == 0 ? (seconds / 3600) + " h" : seconds % 60 == 0 ? (seconds / 60) + " min"
                : seconds + " s";
    }

    static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
