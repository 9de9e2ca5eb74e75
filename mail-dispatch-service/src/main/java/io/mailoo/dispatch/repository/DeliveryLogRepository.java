package io.mailoo.dispatch.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.dispatch.domain.AttemptRecord;
import io.mailoo.dispatch.domain.LogEntry;
import io.mailoo.dispatch.domain.LogFilter;
import io.mailoo.dispatch.domain.MessageRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The owners' delivery log over dispatch_message and dispatch_attempt, and its two actions (retry now, cancel). Every
 * statement names the profile and the project, so a message is only ever found through its own profile's log.
 */
@ApplicationScoped
public class DeliveryLogRepository {

    private static final String COLUMNS = DispatchMessageRepository.COLUMNS
            + ", project_uid, recipients, cancel_requested_at";
    /** The row is not leased: no process holds it in memory (or its holder died and the lease ran out). */
    private static final String FREE = "(lease_owner IS NULL OR lease_until < now())";

    private final Pool pool;

    public DeliveryLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** The project that owns the profile according to its settings, or a null item when dispatch has none. */
    public Uni<String> profileProject(String profileRef) {
        return pool.preparedQuery("SELECT project_uid FROM mail_profile WHERE profile_ref = $1")
                .execute(Tuple.of(profileRef))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Up to {@code limit} entries, newest first, each with its attempts. */
    public Uni<List<LogEntry>> page(String profileRef, String projectUid, LogFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM dispatch_message WHERE profile_ref = $1 AND project_uid = $2");
        List<Object> args = new ArrayList<>(List.of(profileRef, projectUid));
        if (filter.status() != null) {
            args.add(filter.status());
            sql.append(" AND status = $").append(args.size());
        }
        if (filter.purpose() != null) {
            args.add(filter.purpose());
            sql.append(" AND purpose = $").append(args.size());
        }
        if (filter.recipient() != null) {
            args.add("%" + likeEscaped(filter.recipient().toLowerCase(java.util.Locale.ROOT)) + "%");
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(recipients) r WHERE lower(r) LIKE $").append(args.size())
                    .append(" ESCAPE '\\')");
        }
        if (filter.since() != null) {
            args.add(DispatchMessageRepository.odt(filter.since()));
            sql.append(" AND created_at >= $").append(args.size());
        }
        if (filter.before() != null) {
            args.add(DispatchMessageRepository.odt(filter.before().createdAt()));
            args.add(filter.before().messageId());
            sql.append(" AND (created_at, message_id) < ($").append(args.size() - 1).append(", $")
                    .append(args.size()).append(")");
        }
        args.add(limit);
        sql.append(" ORDER BY created_at DESC, message_id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(DeliveryLogRepository::entries)
                .chain(this::withAttempts);
    }

    /** One entry of the profile's log, or a null item. */
    public Uni<LogEntry> find(String profileRef, String projectUid, UUID messageId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dispatch_message WHERE message_id = $1 "
                + "AND profile_ref = $2 AND project_uid = $3").execute(Tuple.of(messageId, profileRef, projectUid))
                .map(DeliveryLogRepository::entries).chain(this::withAttempts)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Makes a DEFERRED message due now (the poller takes it at its next round); false when it is not DEFERRED. */
    public Uni<Boolean> retryNow(String profileRef, String projectUid, UUID messageId, Instant at) {
        return pool.preparedQuery("UPDATE dispatch_message SET next_attempt_at = $4 WHERE message_id = $1 "
                + "AND profile_ref = $2 AND project_uid = $3 AND status = 'DEFERRED' AND cancel_requested_at IS NULL "
                + "RETURNING message_id")
                .execute(Tuple.of(messageId, profileRef, projectUid, DispatchMessageRepository.odt(at)))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Cancels a QUEUED or DEFERRED message: at once (CANCELLED, with its line in the log and its result marked
     * unpublished) when no process holds it, otherwise only marked (cancel_requested_at) for its holder to honour.
     * Answers the status the row has afterwards, or a null item when it was neither QUEUED nor DEFERRED.
     */
    public Uni<String> cancel(String profileRef, String projectUid, UUID messageId, Instant at) {
        String sql = "WITH updated AS (UPDATE dispatch_message SET "
                + "cancel_requested_at = coalesce(cancel_requested_at, $4), "
                + "status = CASE WHEN " + FREE + " THEN 'CANCELLED' ELSE status END, "
                + "next_attempt_at = CASE WHEN " + FREE + " THEN NULL ELSE next_attempt_at END, "
                + "request = CASE WHEN " + FREE + " THEN NULL ELSE request END, "
                + "error_code = CASE WHEN " + FREE + " THEN 'CANCELLED_BY_OWNER' ELSE error_code END, "
                + "smtp_code = CASE WHEN " + FREE + " THEN NULL ELSE smtp_code END, "
                + "smtp_enhanced_code = CASE WHEN " + FREE + " THEN NULL ELSE smtp_enhanced_code END, "
                + "smtp_message = CASE WHEN " + FREE + " THEN NULL ELSE smtp_message END, "
                + "smtp_step = CASE WHEN " + FREE + " THEN NULL ELSE smtp_step END, "
                + "updated_at = CASE WHEN " + FREE + " THEN $4 ELSE updated_at END, "
                + "lease_until = CASE WHEN " + FREE + " THEN NULL ELSE lease_until END, "
                + "lease_owner = CASE WHEN " + FREE + " THEN NULL ELSE lease_owner END "
                + "WHERE message_id = $1 AND profile_ref = $2 AND project_uid = $3 "
                + "AND status IN ('QUEUED', 'DEFERRED') RETURNING message_id, status, attempt, kafka_partition), "
                + DispatchMessageRepository.UNPUBLISHED_FROM_UPDATED + "$4 FROM updated WHERE status = 'CANCELLED' "
                + DispatchMessageRepository.STILL_UNPUBLISHED + "), "
                + "logged AS (INSERT INTO dispatch_attempt (message_id, attempt, status, error_code, occurred_at) "
                + "SELECT message_id, attempt, 'CANCELLED', 'CANCELLED_BY_OWNER', $4 FROM updated "
                + "WHERE status = 'CANCELLED') "
                + "SELECT status FROM updated";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(messageId, profileRef, projectUid, DispatchMessageRepository.odt(at)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    private Uni<List<LogEntry>> withAttempts(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(entries);
        }
        UUID[] ids = entries.stream().map(e -> e.message().messageId()).toArray(UUID[]::new);
        return pool.preparedQuery("SELECT message_id, attempt, status, error_code, smtp_code, smtp_enhanced_code, "
                + "smtp_message, smtp_step, next_attempt_at, occurred_at FROM dispatch_attempt "
                + "WHERE message_id = ANY($1) ORDER BY message_id, occurred_at, id").execute(Tuple.of(ids))
                .map(rows -> {
                    Map<UUID, List<AttemptRecord>> byMessage = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byMessage.computeIfAbsent(row.getUUID("message_id"), id -> new ArrayList<>())
                                .add(new AttemptRecord(row.getInteger("attempt"), row.getString("status"),
                                        DispatchMessageRepository.instant(row.getOffsetDateTime("occurred_at")),
                                        DispatchMessageRepository.reply(row), DispatchMessageRepository.step(row),
                                        row.getString("error_code"),
                                        DispatchMessageRepository.instant(row.getOffsetDateTime("next_attempt_at"))));
                    }
                    return entries.stream().map(e -> e.withAttempts(
                            byMessage.getOrDefault(e.message().messageId(), List.of()))).toList();
                });
    }

    private static List<LogEntry> entries(RowSet<Row> rows) {
        List<MessageRecord> records = DispatchMessageRepository.records(rows);
        List<LogEntry> out = new ArrayList<>(records.size());
        int i = 0;
        for (Row row : rows) {
            String[] recipients = row.getArrayOfStrings("recipients");
            out.add(new LogEntry(records.get(i++), row.getString("project_uid"),
                    recipients == null ? List.of() : Arrays.asList(recipients),
                    DispatchMessageRepository.instant(row.getOffsetDateTime("cancel_requested_at")), List.of()));
        }
        return out;
    }

    /** The text as a LIKE pattern that matches it literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
