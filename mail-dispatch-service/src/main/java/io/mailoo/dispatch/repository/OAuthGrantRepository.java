package io.mailoo.dispatch.repository;

import static io.mailoo.dispatch.repository.DispatchMessageRepository.instant;
import static io.mailoo.dispatch.repository.DispatchMessageRepository.odt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * oauth_grant (migration V8): per grantId the newest refresh token and the current access token, both sealed. A
 * refresh runs inside {@link #locked}: the row is locked (SELECT … FOR UPDATE) for the whole call of the token
 * endpoint, so of two replicas the second waits and then finds, re-reading the row, the token the first stored.
 */
@ApplicationScoped
public class OAuthGrantRepository {

    public enum GrantState {
        ACTIVE,
        RECONNECT_REQUIRED
    }

    /** One stored grant; tokens sealed. */
    public record StoredGrant(String grantId, String profileRef, String provider, String account,
            SealedSecret refreshToken, SealedSecret accessToken, Instant accessExpiresAt, Instant refreshedAt,
            Instant lastUsedAt, GrantState state, Instant reconnectRequiredAt, Instant idleReportedAt,
            Instant createdAt) {
    }

    /** What a locked decision writes before the lock is released (null fields: unchanged). */
    public sealed interface GrantChange {
        /** A refresh succeeded: the (maybe rotated) refresh token and the new access token, committed together. */
        record Refreshed(SealedSecret refreshToken, SealedSecret accessToken, Instant accessExpiresAt, Instant at)
                implements GrantChange {
        }

        /** The provider answered invalid_grant. */
        record ReconnectRequired(Instant at) implements GrantChange {
        }
    }

    /** A locked decision's result: the change to write (or null) and what the caller gets afterwards. */
    public record Decision<T>(GrantChange change, T result) {
    }

    /** The result of {@link #locked}: the decision's result, and whether its change moved the row's state. */
    public record Locked<T>(T result, boolean stateChanged) {
    }

    private final Pool pool;

    public OAuthGrantRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<StoredGrant> find(String grantId) {
        return pool.preparedQuery("SELECT * FROM oauth_grant WHERE grant_id = $1").execute(Tuple.of(grantId))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    public Uni<List<StoredGrant>> ofProfile(String profileRef) {
        return pool.preparedQuery("SELECT * FROM oauth_grant WHERE profile_ref = $1 ORDER BY created_at")
                .execute(Tuple.of(profileRef)).map(OAuthGrantRepository::mapAll);
    }

    /**
     * Stores a grant not known yet with the refresh token (and access token, may be null) it came with; a grantId
     * already stored keeps its own (newer, rotated) tokens. True when inserted.
     */
    public Uni<Boolean> insertIfAbsent(String grantId, String profileRef, String provider, String account,
            SealedSecret refreshToken, SealedSecret accessToken, Instant accessExpiresAt, Instant now) {
        Tuple values = Tuple.tuple().addValue(grantId).addValue(profileRef).addValue(provider).addValue(account)
                .addValue(EventCodec.encodeToString(refreshToken))
                .addValue(accessToken == null ? "" : EventCodec.encodeToString(accessToken))
                .addValue(accessToken == null || accessExpiresAt == null ? null : odt(accessExpiresAt))
                .addValue(odt(now));
        return pool.preparedQuery("INSERT INTO oauth_grant (grant_id, profile_ref, provider, account, refresh_token, "
                + "access_token, access_expires_at, created_at, updated_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (grant_id) DO NOTHING RETURNING grant_id")
                .execute(values)
                .map(rows -> rows.rowCount() > 0);
    }

    /** Forgets the grants of a profile other than {@code keep} (a reconnect replaced them; null = all). */
    public Uni<Integer> deleteOthers(String profileRef, String keep) {
        return pool.preparedQuery("DELETE FROM oauth_grant WHERE profile_ref = $1 AND grant_id <> $2")
                .execute(Tuple.of(profileRef, keep == null ? "" : keep)).map(rows -> rows.rowCount());
    }

    /**
     * Locks the grant's row, lets {@code decide} look at it (null when absent) and writes its change in the same
     * transaction; the lock is held while {@code decide} runs (the token endpoint call).
     */
    public <T> Uni<Locked<T>> locked(String grantId, Function<StoredGrant, Uni<Decision<T>>> decide) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT * FROM oauth_grant WHERE grant_id = $1 FOR UPDATE").execute(Tuple.of(grantId))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null)
                .chain(stored -> decide.apply(stored))
                .chain(decision -> write(connection, grantId, decision.change())
                        .map(changed -> new Locked<>(decision.result(), changed))));
    }

    private static Uni<Boolean> write(SqlConnection connection, String grantId, GrantChange change) {
        if (change instanceof GrantChange.Refreshed r) {
            return connection.preparedQuery("UPDATE oauth_grant SET refresh_token = $2, access_token = $3, "
                    + "access_expires_at = $4, refreshed_at = $5, last_used_at = $5, idle_reported_at = NULL, "
                    + "updated_at = $5 WHERE grant_id = $1")
                    .execute(Tuple.of(grantId, EventCodec.encodeToString(r.refreshToken()),
                            EventCodec.encodeToString(r.accessToken()), odt(r.accessExpiresAt()), odt(r.at())))
                    .map(rows -> false);
        }
        if (change instanceof GrantChange.ReconnectRequired r) {
            // the access token is dropped too: the grant is gone at the provider
            return connection.preparedQuery("UPDATE oauth_grant SET state = 'RECONNECT_REQUIRED', "
                    + "reconnect_required_at = $2, access_token = '', updated_at = $2 "
                    + "WHERE grant_id = $1 AND state = 'ACTIVE' RETURNING grant_id")
                    .execute(Tuple.of(grantId, odt(r.at()))).map(rows -> rows.rowCount() > 0);
        }
        return Uni.createFrom().item(false);
    }

    /** Notes that the grant was used to log in (throttled by the caller). */
    public Uni<Void> touch(String grantId, Instant now) {
        return pool.preparedQuery("UPDATE oauth_grant SET last_used_at = $2 WHERE grant_id = $1")
                .execute(Tuple.of(grantId, odt(now))).replaceWithVoid();
    }

    /** Active grants not refreshed since {@code cutoff}: at risk of expiring for inactivity. */
    public Uni<List<StoredGrant>> idleSince(Instant cutoff) {
        return pool.preparedQuery("SELECT * FROM oauth_grant WHERE state = 'ACTIVE' "
                + "AND COALESCE(refreshed_at, created_at) < $1 ORDER BY COALESCE(refreshed_at, created_at) LIMIT 500")
                .execute(Tuple.of(odt(cutoff))).map(OAuthGrantRepository::mapAll);
    }

    /** Marks an idle grant reported; true only for the first report (so operators are told once). */
    public Uni<Boolean> markIdleReported(String grantId, Instant now) {
        return pool.preparedQuery("UPDATE oauth_grant SET idle_reported_at = $2 WHERE grant_id = $1 "
                + "AND idle_reported_at IS NULL RETURNING grant_id")
                .execute(Tuple.of(grantId, odt(now))).map(rows -> rows.rowCount() > 0);
    }

    private static List<StoredGrant> mapAll(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<StoredGrant> out = new ArrayList<>();
        rows.forEach(row -> out.add(map(row)));
        return out;
    }

    private static StoredGrant map(Row row) {
        return new StoredGrant(row.getString("grant_id"), row.getString("profile_ref"), row.getString("provider"),
                row.getString("account"), sealed(row.getString("refresh_token")),
                sealed(row.getString("access_token")), instant(row.getOffsetDateTime("access_expires_at")),
                instant(row.getOffsetDateTime("refreshed_at")), instant(row.getOffsetDateTime("last_used_at")),
                GrantState.valueOf(row.getString("state")), instant(row.getOffsetDateTime("reconnect_required_at")),
                instant(row.getOffsetDateTime("idle_reported_at")), instant(row.getOffsetDateTime("created_at")));
    }

    private static SealedSecret sealed(String json) {
        return json == null || json.isEmpty() ? null : EventCodec.decode(json, SealedSecret.class);
    }
}
