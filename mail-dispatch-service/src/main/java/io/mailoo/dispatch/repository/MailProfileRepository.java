package io.mailoo.dispatch.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** mail_profile: the projection of the profile topic. Settings are stored as the event JSON, password sealed. */
@ApplicationScoped
public class MailProfileRepository {

    /** One stored profile; {@code settings} is null when removed. */
    public record StoredProfile(String profileRef, long version, MailProfileChanged settings, boolean removed,
            int consecutiveAuthFailures, Instant suspendedAt, String lastErrorCode, Instant lastErrorAt) {
    }

    private final Pool pool;

    public MailProfileRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredProfile>> loadAll() {
        return pool.query("SELECT * FROM mail_profile").execute().map(rows -> {
            List<StoredProfile> out = new ArrayList<>();
            rows.forEach(row -> out.add(map(row)));
            return out;
        });
    }

    public Uni<StoredProfile> find(String profileRef) {
        return pool.preparedQuery("SELECT * FROM mail_profile WHERE profile_ref = $1").execute(Tuple.of(profileRef))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    /**
     * Stores a newer version (a new version lifts a suspension); an older one is ignored. Returns true when the
     * stored profile is now at this version, usable: written here, or already written by another replica sharing
     * the database (each replica must still put it into its own memory). False for an older version, or one stored
     * as removed or suspended.
     */
    public Uni<Boolean> upsert(MailProfileChanged profile, Instant now) {
        String newer = "mail_profile.version < EXCLUDED.version";
        String sql = "INSERT INTO mail_profile (profile_ref, project_uid, version, settings, removed, updated_at) "
                + "VALUES ($1, $2, $3, $4, false, $5) ON CONFLICT (profile_ref) DO UPDATE SET "
                + "project_uid = CASE WHEN " + newer + " THEN EXCLUDED.project_uid ELSE mail_profile.project_uid END, "
                + "settings = CASE WHEN " + newer + " THEN EXCLUDED.settings ELSE mail_profile.settings END, "
                + "removed = CASE WHEN " + newer + " THEN false ELSE mail_profile.removed END, "
                + "consecutive_auth_failures = CASE WHEN " + newer + " THEN 0 "
                + "ELSE mail_profile.consecutive_auth_failures END, "
                + "suspended_at = CASE WHEN " + newer + " THEN NULL ELSE mail_profile.suspended_at END, "
                + "updated_at = CASE WHEN " + newer + " THEN EXCLUDED.updated_at ELSE mail_profile.updated_at END, "
                + "version = GREATEST(mail_profile.version, EXCLUDED.version) "
                + "RETURNING version, removed, suspended_at";
        return pool.preparedQuery(sql).execute(Tuple.of(profile.profileRef(), profile.projectUid(), profile.version(),
                EventCodec.encodeToString(profile), DispatchMessageRepository.odt(now)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("version") == profile.version() && !row.getBoolean("removed")
                            && row.getValue("suspended_at") == null;
                });
    }

    /** Marks a profile removed (tombstone), keeping its last version so stale requests are told apart. */
    public Uni<Void> markRemoved(String profileRef, Instant now) {
        String sql = "INSERT INTO mail_profile (profile_ref, version, settings, removed, updated_at) "
                + "VALUES ($1, 0, NULL, true, $2) ON CONFLICT (profile_ref) DO UPDATE SET settings = NULL, "
                + "removed = true, consecutive_auth_failures = 0, suspended_at = NULL, updated_at = EXCLUDED.updated_at";
        return pool.preparedQuery(sql).execute(Tuple.of(profileRef, DispatchMessageRepository.odt(now)))
                .replaceWithVoid();
    }

    /**
     * A versioned removal (mailoo-removed-version): marks the profile removed at {@code removedVersion} unless a newer
     * version is stored (VersionedRemovals.removalApplies); the row keeps that version, so a late, older save stays
     * out ({@link #upsert} needs a higher version). True when applied.
     */
    public Uni<Boolean> markRemoved(String profileRef, long removedVersion, Instant now) {
        String sql = "INSERT INTO mail_profile (profile_ref, version, settings, removed, updated_at) "
                + "VALUES ($1, $2, NULL, true, $3) ON CONFLICT (profile_ref) DO UPDATE SET settings = NULL, "
                + "version = EXCLUDED.version, removed = true, consecutive_auth_failures = 0, suspended_at = NULL, "
                + "updated_at = EXCLUDED.updated_at WHERE mail_profile.version <= EXCLUDED.version "
                + "RETURNING profile_ref";
        return pool.preparedQuery(sql).execute(Tuple.of(profileRef, removedVersion, DispatchMessageRepository.odt(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Counts one more authentication failure of this version; returns the count in a row. */
    public Uni<Integer> countAuthFailure(String profileRef, long version, Instant now) {
        String sql = "UPDATE mail_profile SET consecutive_auth_failures = consecutive_auth_failures + 1, "
                + "last_error_code = 'SMTP_AUTH_FAILED', last_error_at = $3 "
                + "WHERE profile_ref = $1 AND version = $2 RETURNING consecutive_auth_failures";
        return pool.preparedQuery(sql).execute(Tuple.of(profileRef, version, DispatchMessageRepository.odt(now)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
    }

    public Uni<Void> resetAuthFailures(String profileRef, long version) {
        return pool.preparedQuery("UPDATE mail_profile SET consecutive_auth_failures = 0 "
                + "WHERE profile_ref = $1 AND version = $2 AND consecutive_auth_failures > 0")
                .execute(Tuple.of(profileRef, version)).replaceWithVoid();
    }

    public Uni<Boolean> suspend(String profileRef, long version, Instant now) {
        return pool.preparedQuery("UPDATE mail_profile SET suspended_at = $3 WHERE profile_ref = $1 AND version = $2 "
                + "AND suspended_at IS NULL RETURNING profile_ref")
                .execute(Tuple.of(profileRef, version, DispatchMessageRepository.odt(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    private static StoredProfile map(Row row) {
        String settings = row.getString("settings");
        return new StoredProfile(row.getString("profile_ref"), row.getLong("version"),
                settings == null ? null : EventCodec.decode(settings, MailProfileChanged.class),
                row.getBoolean("removed"), row.getInteger("consecutive_auth_failures"),
                DispatchMessageRepository.instant(row.getOffsetDateTime("suspended_at")),
                row.getString("last_error_code"),
                DispatchMessageRepository.instant(row.getOffsetDateTime("last_error_at")));
    }
}
