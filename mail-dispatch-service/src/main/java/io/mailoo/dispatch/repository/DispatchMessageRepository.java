package io.mailoo.dispatch.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.domain.MessageRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * dispatch_message through the reactive PostgreSQL client. Writes go in pipelined batches (one round trip and one
 * commit for many rows), which is what lets the dispatcher keep up with the SMTP client.
 */
@ApplicationScoped
public class DispatchMessageRepository {

    static final String COLUMNS = "message_id, profile_ref, purpose, source_service, source_entity_type, "
            + "source_entity_id, status, attempt, next_attempt_at, expires_at, smtp_code, smtp_enhanced_code, "
            + "smtp_message, smtp_step, error_code, created_at, updated_at";

    /**
     * The rows of the ids in $1, locked in id order (PostgreSQL's own, ORDER BY) before the statement changes them.
     * Every statement that locks many rows by id locks them in this order, so two of them never wait for each other in
     * a circle: the lease renewal, the results' acknowledgement and a batch of outcomes deadlocked under a 50,000 burst
     * (40P01 every few seconds; a failed renewal pauses sending).
     */
    private static final String LOCKED_IN_ORDER = "WITH locked AS MATERIALIZED (SELECT message_id FROM "
            + "dispatch_message WHERE message_id = ANY($1::uuid[]) ORDER BY message_id FOR UPDATE) ";

    /**
     * A batch of new rows in one statement over arrays (one element per message; recipients as slices of one flat
     * array, since PostgreSQL's arrays of arrays must be rectangular). Queued rows are leased to the inserting instance
     * on the database's clock, so replicas' clocks do not matter; rows already there are left as they are.
     */
    private static final String INSERT = "INSERT INTO dispatch_message (message_id, profile_ref, purpose, "
            + "source_service, source_entity_type, source_entity_id, status, attempt, request, next_attempt_at, "
            + "lease_until, lease_owner, kafka_partition, expires_at, error_code, created_at, updated_at, "
            + "project_uid, recipients) "
            + "SELECT n.id, n.profile, n.purpose, n.service, n.entity_type, n.entity_id, n.status, 0, n.request, "
            + "CASE WHEN n.queued THEN $13::timestamptz END, "
            + "CASE WHEN n.queued THEN now() + $14::int * interval '1 millisecond' END, "
            + "CASE WHEN n.queued THEN $15::uuid END, n.partition, n.expires, n.error, $13, $13, "
            + "coalesce(n.project, (SELECT project_uid FROM mail_profile WHERE profile_ref = n.profile)), "
            + "($16::text[])[n.first:n.last] "
            + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
            + "$8::bytea[], $9::int[], $10::timestamptz[], $11::text[], $12::text[], $17::boolean[], $18::int[], "
            + "$19::int[]) AS n(id, profile, purpose, service, entity_type, entity_id, status, request, partition, "
            + "expires, error, project, queued, first, last) "
            + "ON CONFLICT (message_id) DO NOTHING RETURNING message_id";

    /**
     * Marks the rows of the CTE {@code updated} "result unpublished" (dispatch_result_unpublished) since the time that
     * follows, until Kafka acknowledges the result; a mark already there takes the new time.
     */
    static final String UNPUBLISHED_FROM_UPDATED = "unpublished AS (INSERT INTO dispatch_result_unpublished "
            + "(message_id, kafka_partition, since) SELECT message_id, kafka_partition, ";
    static final String STILL_UNPUBLISHED = "ON CONFLICT (message_id) DO UPDATE SET since = EXCLUDED.since";

    /**
     * Writes a batch of outcomes (one array per column, one element per message, ids unique), their lines of the
     * delivery log (dispatch_attempt) and their "result unpublished" marks in one statement: one execution for the
     * batch, where one per message cost PostgreSQL as much CPU again as the writes themselves (docs/benchmarks.md,
     * ninth session). The rows, and then their marks, are locked in id order, like every other many-row statement's; {@code c} says
     * that a deferral meets a cancel its owner asked for while this process held the message (read under the lock),
     * which makes it CANCELLED instead. The statement answers the status it stored. Every array is cast, and the text
     * stays under the client's 2,048 characters of cacheable SQL, so it is prepared once per connection.
     */
    private static final String RECORD_OUTCOMES = "WITH o AS MATERIALIZED (SELECT * FROM unnest($1::uuid[], "
            + "$2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::text[], $7::text[], $8::text[], "
            + "$9::timestamptz[], $10::boolean[], $11::text[]) AS o(message_id, status, attempt, next_at, code, "
            + "enhanced, message, error, at, final, step)), "
            + "l AS MATERIALIZED (SELECT d.message_id, d.cancel_requested_at IS NOT NULL AND o.status = 'DEFERRED' "
            + "AS c FROM dispatch_message d JOIN o USING (message_id) ORDER BY d.message_id FOR UPDATE OF d), "
            + "updated AS (UPDATE dispatch_message d SET "
            + "status = CASE WHEN c THEN 'CANCELLED' ELSE o.status END, attempt = o.attempt, "
            + "next_attempt_at = CASE WHEN c THEN NULL ELSE o.next_at END, lease_until = NULL, lease_owner = NULL, "
            + "smtp_code = o.code, smtp_enhanced_code = o.enhanced, smtp_message = o.message, "
            + "error_code = CASE WHEN c THEN 'CANCELLED_BY_OWNER' ELSE o.error END, updated_at = o.at, "
            + "request = CASE WHEN o.final OR c THEN NULL ELSE d.request END, smtp_step = o.step FROM l, o "
            + "WHERE d.message_id = l.message_id AND o.message_id = l.message_id "
            + "RETURNING d.message_id, d.status, d.kafka_partition, o.status AS asked, o.attempt, o.error, o.code, "
            + "o.enhanced, o.message, o.step, o.next_at, o.at), "
            + UNPUBLISHED_FROM_UPDATED + "at FROM updated ORDER BY message_id " + STILL_UNPUBLISHED + "), "
            + "attempted AS (INSERT INTO dispatch_attempt (message_id, attempt, status, error_code, smtp_code, "
            + "smtp_enhanced_code, smtp_message, smtp_step, next_attempt_at, occurred_at) "
            + "SELECT message_id, attempt, asked, error, code, enhanced, message, step, next_at, at FROM updated), "
            + "cancelled AS (INSERT INTO dispatch_attempt (message_id, attempt, status, error_code, occurred_at) "
            + "SELECT message_id, attempt, 'CANCELLED', 'CANCELLED_BY_OWNER', at + interval '1 microsecond' "
            + "FROM updated WHERE status = 'CANCELLED' AND asked <> 'CANCELLED') "
            + "SELECT message_id, status FROM updated";

    /**
     * One statement for a whole batch of acknowledgements (arrays), not one execution per row; the marks are locked in
     * id order, as the outcome batches (sorted) take them.
     */
    private static final String RESULT_PUBLISHED = "WITH locked AS MATERIALIZED (SELECT message_id FROM "
            + "dispatch_result_unpublished WHERE message_id = ANY($1::uuid[]) ORDER BY message_id FOR UPDATE) "
            + "DELETE FROM dispatch_result_unpublished u "
            + "USING locked, unnest($1::uuid[], $2::timestamptz[]) AS p(message_id, recorded_at) "
            + "WHERE u.message_id = locked.message_id AND p.message_id = u.message_id AND u.since <= p.recorded_at";

    /** The final statuses, written out so that the status index serves the retention's search. */
    private static final String FINAL_STATUSES = Arrays.stream(MailStatus.values())
            .filter(MailStatus::isFinal).map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** Status of a row that waits for an attempt; the other statuses are those of MailStatus. */
    public static final String QUEUED = "QUEUED";

    /**
     * A row to insert: QUEUED with the stored request (and leased to the inserting instance), or already final
     * ({@code finalStatus}, e.g. REJECTED). {@code partition} is the request's partition of mailoo.mail-requests.v1.
     */
    public record NewMessage(SendMailRequested request, MailStatus finalStatus, String errorCode, Instant expiresAt,
            byte[] storedRequest, int partition) {

        public boolean queued() {
            return finalStatus == null;
        }
    }

    /** An outcome to write: {@code finalStatus} clears the stored request body. */
    public record OutcomeWrite(UUID messageId, MailStatus status, int attempt, Instant nextAttemptAt, SmtpReply smtp,
            SmtpStep smtpStep, String errorCode, Instant at) {
    }

    /** A due row taken for another attempt, with the reason of its last deferral if it had one. */
    public record DueMessage(UUID messageId, byte[] request, int attempt, Instant expiresAt,
            String lastErrorCode, SmtpReply lastReply, SmtpStep lastStep, int partition, boolean cancelRequested) {
    }

    private final Pool pool;

    public DispatchMessageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts what is new, the queued rows leased to {@code owner} for {@code leaseMillis}; returns the ids that
     * were inserted (the others were already known).
     */
    public Uni<Set<UUID>> insertNew(List<NewMessage> messages, Instant now, UUID owner, long leaseMillis) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] profiles = new String[n];
        String[] purposes = new String[n];
        String[] services = new String[n];
        String[] entityTypes = new String[n];
        String[] entityIds = new String[n];
        String[] statuses = new String[n];
        io.vertx.core.buffer.Buffer[] requests = new io.vertx.core.buffer.Buffer[n];
        Integer[] partitions = new Integer[n];
        OffsetDateTime[] expires = new OffsetDateTime[n];
        String[] errors = new String[n];
        String[] projects = new String[n];
        Boolean[] queued = new Boolean[n];
        Integer[] first = new Integer[n];
        Integer[] last = new Integer[n];
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            SendMailRequested r = m.request();
            MailSource source = r.source();
            ids[i] = r.messageId();
            profiles[i] = r.profileRef();
            purposes[i] = r.purpose() == null ? "UNKNOWN" : r.purpose().name();
            services[i] = source == null ? null : source.service();
            entityTypes[i] = source == null ? null : source.entityType();
            entityIds[i] = source == null ? null : source.entityId();
            statuses[i] = m.queued() ? QUEUED : m.finalStatus().name();
            requests[i] = m.queued() ? io.vertx.core.buffer.Buffer.buffer(m.storedRequest()) : null;
            partitions[i] = m.partition() < 0 ? null : m.partition();
            expires[i] = odt(m.expiresAt());
            errors[i] = m.errorCode();
            projects[i] = r.projectUid();
            queued[i] = m.queued();
            first[i] = recipients.size() + 1;
            recipients.addAll(recipients(r));
            last[i] = recipients.size();
        }
        return pool.preparedQuery(INSERT).execute(Tuple.from(List.<Object>of(ids, profiles, purposes, services,
                entityTypes, entityIds, statuses, requests, partitions, expires, errors, projects, odt(now),
                (int) leaseMillis, owner, recipients.toArray(String[]::new), queued, first, last)))
                .map(DispatchMessageRepository::returnedIds);
    }

    /** Every recipient of a request (to, cc, bcc) as the delivery log shows and filters them. */
    private static List<String> recipients(SendMailRequested r) {
        List<String> all = new ArrayList<>(r.to());
        all.addAll(r.cc());
        all.addAll(r.bcc());
        return all;
    }

    /**
     * Writes the outcomes; answers the status each message now has (CANCELLED where a cancel overtook a deferral).
     * Outcomes of the same message (rare: one batch collects a couple of milliseconds) go to successive statements, in
     * the order given.
     */
    public Uni<java.util.Map<UUID, String>> recordOutcomes(List<OutcomeWrite> writes) {
        java.util.Map<UUID, String> stored = new java.util.HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<OutcomeWrite> round : roundsOfDistinctMessages(writes)) {
            chain = chain.chain(() -> recordDistinct(round).invoke(stored::putAll)).replaceWithVoid();
        }
        return chain.replaceWith(stored);
    }

    /** Successive runs of {@code writes} in which no message appears twice. */
    static List<List<OutcomeWrite>> roundsOfDistinctMessages(List<OutcomeWrite> writes) {
        List<List<OutcomeWrite>> rounds = new ArrayList<>();
        List<OutcomeWrite> round = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (OutcomeWrite w : writes) {
            if (!ids.add(w.messageId())) {
                rounds.add(round);
                round = new ArrayList<>();
                ids.clear();
                ids.add(w.messageId());
            }
            round.add(w);
        }
        if (!round.isEmpty()) {
            rounds.add(round);
        }
        return rounds;
    }

    private Uni<java.util.Map<UUID, String>> recordDistinct(List<OutcomeWrite> writes) {
        int n = writes.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[n];
        Integer[] codes = new Integer[n];
        String[] enhancedCodes = new String[n];
        String[] messages = new String[n];
        String[] errorCodes = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Boolean[] finals = new Boolean[n];
        String[] steps = new String[n];
        for (int i = 0; i < n; i++) {
            OutcomeWrite w = writes.get(i);
            ids[i] = w.messageId();
            statuses[i] = w.status().name();
            attempts[i] = w.attempt();
            nextAttempts[i] = odt(w.nextAttemptAt());
            codes[i] = w.smtp() == null ? null : w.smtp().code();
            enhancedCodes[i] = w.smtp() == null ? null : w.smtp().enhancedCode();
            messages[i] = w.smtp() == null ? null : w.smtp().message();
            errorCodes[i] = w.errorCode();
            at[i] = odt(w.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            finals[i] = w.status().isFinal();
            steps[i] = w.smtpStep() == null ? null : w.smtpStep().name();
        }
        return pool.preparedQuery(RECORD_OUTCOMES).execute(Tuple.from(List.<Object>of(ids, statuses, attempts,
                nextAttempts, codes, enhancedCodes, messages, errorCodes, at, finals, steps))).map(rows -> {
                    java.util.Map<UUID, String> stored = new java.util.HashMap<>();
                    for (Row row : rows) {
                        stored.put(row.getUUID("message_id"), row.getString("status"));
                    }
                    return stored;
                });
    }

    /** Clears the unpublished mark of results Kafka acknowledged, unless a later outcome was recorded since. */
    public Uni<Void> resultsPublished(List<PublishedResult> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = new UUID[published.size()];
        OffsetDateTime[] recordedAt = new OffsetDateTime[published.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = published.get(i).messageId();
            recordedAt[i] = odt(published.get(i).recordedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
        return pool.preparedQuery(RESULT_PUBLISHED).execute(Tuple.of(ids, recordedAt)).replaceWithVoid();
    }

    /**
     * Takes up to {@code limit} rows of owned partitions whose result was recorded before {@code before} and never
     * acknowledged by Kafka, and moves their mark to now, so the next take is one interval later.
     */
    public Uni<List<MessageRecord>> takeUnpublishedResults(int limit, Instant before, Integer[] partitions) {
        return pool.preparedQuery("WITH taken AS (UPDATE dispatch_result_unpublished SET since = now() "
                + "WHERE message_id IN (SELECT message_id FROM dispatch_result_unpublished "
                + "WHERE since < $1 AND (kafka_partition IS NULL OR kafka_partition = ANY($3)) "
                + "ORDER BY since LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING message_id) "
                + "SELECT " + COLUMNS + " FROM dispatch_message JOIN taken USING (message_id)")
                .execute(Tuple.of(odt(before), limit, partitions))
                .map(DispatchMessageRepository::records);
    }

    /** A result Kafka acknowledged, with the time its outcome was recorded (the row's mark). */
    public record PublishedResult(UUID messageId, Instant recordedAt) {
    }

    public Uni<List<MessageRecord>> findByIds(List<UUID> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dispatch_message WHERE message_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(DispatchMessageRepository::records);
    }

    /** Gives up leases of {@code owner} that were taken but not used, so a later poll (of any replica) takes them. */
    public Uni<Void> releaseLeases(List<UUID> ids, UUID owner) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(LOCKED_IN_ORDER + "UPDATE dispatch_message d SET lease_until = NULL, "
                + "lease_owner = NULL FROM locked WHERE d.message_id = locked.message_id AND d.lease_owner = $2")
                .execute(Tuple.of(ids.toArray(UUID[]::new), owner)).replaceWithVoid();
    }

    /**
     * Extends the leases {@code owner} still holds among {@code ids} by {@code leaseMillis} from now (one statement
     * for all of them); returns the ids renewed. A row another instance took meanwhile is not touched.
     */
    public Uni<Set<UUID>> renewLeases(List<UUID> ids, UUID owner, long leaseMillis) {
        return pool.preparedQuery(LOCKED_IN_ORDER + "UPDATE dispatch_message d SET lease_until = now() + $3::int "
                + "* interval '1 millisecond' FROM locked WHERE d.message_id = locked.message_id "
                + "AND d.lease_owner = $2 RETURNING d.message_id")
                .execute(Tuple.of(ids.toArray(UUID[]::new), owner, (int) leaseMillis))
                .map(DispatchMessageRepository::returnedIds);
    }

    /**
     * Takes up to {@code limit} messages that are due (queued or deferred, time reached, lease free, run out or held by
     * a process whose heartbeat stopped) in
     * the given partitions (rows without a partition belong to all) and leases them to {@code owner} in one
     * statement; SKIP LOCKED lets several replicas poll side by side.
     */
    public Uni<List<DueMessage>> leaseDue(int limit, Instant now, UUID owner, long leaseMillis,
            Integer[] partitions, long instanceTimeoutMillis) {
        String sql = "UPDATE dispatch_message SET lease_until = now() + $4::int * interval '1 millisecond', "
                + "lease_owner = $3 WHERE message_id IN ("
                + "SELECT message_id FROM dispatch_message WHERE status IN ('QUEUED', 'DEFERRED') "
                + "AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < now() "
                // an owner whose heartbeat stopped (killed) is dead: its leases need not run out first
                + "OR lease_owner IN (SELECT instance_id FROM dispatch_instance "
                + "WHERE heartbeat_at < now() - $6::int * interval '1 millisecond')) "
                + "AND (kafka_partition IS NULL OR kafka_partition = ANY($5)) "
                + "ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) "
                + "RETURNING message_id, request, attempt, expires_at, error_code, smtp_code, smtp_enhanced_code, "
                + "smtp_message, smtp_step, kafka_partition, cancel_requested_at IS NOT NULL AS cancel_requested";
        return pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(odt(now), limit, owner, (int) leaseMillis, partitions,
                        (int) instanceTimeoutMillis))).map(rows -> {
                    List<DueMessage> due = new ArrayList<>();
                    for (Row row : rows) {
                        Buffer request = row.getBuffer("request");
                        Integer partition = row.getInteger("kafka_partition");
                        due.add(new DueMessage(row.getUUID("message_id"),
                                request == null ? null : request.getBytes(), row.getInteger("attempt"),
                                instant(row.getOffsetDateTime("expires_at")), row.getString("error_code"), reply(row),
                                step(row), partition == null ? -1 : partition, row.getBoolean("cancel_requested")));
                    }
                    return due;
                });
    }

    /**
     * Makes a profile's mail that waits for {@code errorCode}'s cause due now (a reconnect made a new grant).
     * Returns how many.
     */
    public Uni<Integer> makeDue(String profileRef, String errorCode, Instant now) {
        return pool.preparedQuery("UPDATE dispatch_message SET next_attempt_at = $3 WHERE profile_ref = $1 "
                + "AND status = 'DEFERRED' AND error_code = $2 AND next_attempt_at > $3")
                .execute(Tuple.of(profileRef, errorCode, odt(now))).map(rows -> rows.rowCount());
    }

    /**
     * Deletes up to {@code limit} final messages last changed before {@code before}, with their attempts; a message
     * whose result still waits for Kafka is kept until it is acknowledged. Returns how many were deleted.
     */
    public Uni<Integer> deleteFinalBefore(Instant before, int limit) {
        return pool.preparedQuery("WITH gone AS (DELETE FROM dispatch_message WHERE message_id IN ("
                + "SELECT m.message_id FROM dispatch_message m WHERE m.status IN " + FINAL_STATUSES
                + " AND m.updated_at < $1 AND NOT EXISTS (SELECT 1 FROM dispatch_result_unpublished u "
                + "WHERE u.message_id = m.message_id) LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING message_id), "
                + "attempts AS (DELETE FROM dispatch_attempt a USING gone WHERE a.message_id = gone.message_id) "
                + "SELECT count(*) AS n FROM gone")
                .execute(Tuple.of(odt(before), limit))
                .map(rows -> (int) rows.iterator().next().getLong("n").longValue());
    }

    /** Recipients of the profile's mail SENT in the rolling window ending now (the daily cap's count). */
    public Uni<Long> recipientsSentSince(String profileRef, Instant since) {
        return pool.preparedQuery("SELECT COALESCE(SUM(COALESCE(cardinality(recipients), 1)), 0) AS n "
                + "FROM dispatch_message WHERE profile_ref = $1 AND status = 'SENT' AND updated_at > $2")
                .execute(Tuple.of(profileRef, odt(since)))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /**
     * When enough of the window will have passed: the earliest time at which the recipients SENT since
     * {@code since} that are still inside a window of {@code window} sum to at most {@code allowed}; null if
     * already so.
     */
    public Uni<Instant> windowAllows(String profileRef, Instant since, java.time.Duration window, long excess) {
        return pool.preparedQuery("SELECT updated_at FROM (SELECT updated_at, SUM(COALESCE(cardinality(recipients), 1)) "
                + "OVER (ORDER BY updated_at, message_id) AS running FROM dispatch_message "
                + "WHERE profile_ref = $1 AND status = 'SENT' AND updated_at > $2) w WHERE running >= $3 "
                + "ORDER BY updated_at LIMIT 1")
                .execute(Tuple.of(profileRef, odt(since), excess))
                .map(rows -> rows.iterator().hasNext()
                        ? instant(rows.iterator().next().getOffsetDateTime("updated_at")).plus(window) : null);
    }

    public Uni<List<MessageRecord>> search(String profileRef, String status, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dispatch_message WHERE true");
        List<Object> args = new ArrayList<>();
        if (profileRef != null) {
            args.add(profileRef);
            sql.append(" AND profile_ref = $").append(args.size());
        }
        if (status != null) {
            args.add(status);
            sql.append(" AND status = $").append(args.size());
        }
        if (since != null) {
            args.add(odt(since));
            sql.append(" AND updated_at >= $").append(args.size());
        }
        args.add(limit);
        sql.append(" ORDER BY updated_at DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(DispatchMessageRepository::records);
    }

    public Uni<List<Row>> countsByStatus(String profileRef) {
        return pool.preparedQuery("SELECT status, count(*) AS n FROM dispatch_message WHERE profile_ref = $1 "
                + "GROUP BY status").execute(Tuple.of(profileRef)).map(DispatchMessageRepository::list);
    }

    public Uni<MessageRecord> lastError(String profileRef) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dispatch_message WHERE profile_ref = $1 "
                + "AND error_code IS NOT NULL ORDER BY updated_at DESC LIMIT 1").execute(Tuple.of(profileRef))
                .map(rows -> {
                    List<MessageRecord> records = records(rows);
                    return records.isEmpty() ? null : records.get(0);
                });
    }

    private static Set<UUID> returnedIds(RowSet<Row> first) {
        Set<UUID> ids = new HashSet<>();
        for (RowSet<Row> rs = first; rs != null; rs = rs.next()) {
            for (Row row : rs) {
                ids.add(row.getUUID(0));
            }
        }
        return ids;
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }

    static List<MessageRecord> records(RowSet<Row> rows) {
        List<MessageRecord> out = new ArrayList<>();
        for (Row row : rows) {
            SmtpReply reply = reply(row);
            String service = row.getString("source_service");
            MailSource source = service == null ? null
                    : new MailSource(service, row.getString("source_entity_type"), row.getString("source_entity_id"));
            out.add(new MessageRecord(row.getUUID("message_id"), row.getString("profile_ref"),
                    purpose(row.getString("purpose")), source, row.getString("status"),
                    row.getInteger("attempt"), instant(row.getOffsetDateTime("next_attempt_at")),
                    instant(row.getOffsetDateTime("expires_at")), reply, step(row), row.getString("error_code"),
                    instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at"))));
        }
        return out;
    }

    static SmtpReply reply(Row row) {
        Integer code = row.getInteger("smtp_code");
        String message = row.getString("smtp_message");
        return code == null && message == null ? null
                : new SmtpReply(code, row.getString("smtp_enhanced_code"), message);
    }

    static SmtpStep step(Row row) {
        String value = row.getString("smtp_step");
        if (value == null) {
            return null;
        }
        try {
            return SmtpStep.valueOf(value);
        } catch (IllegalArgumentException e) {
            return SmtpStep.UNKNOWN; // written by a newer version of this service
        }
    }

    static MailPurpose purpose(String value) {
        try {
            return MailPurpose.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The stored form of a request: the bytes as received, except that an inline profile (SMTP_TEST settings) is
     * never kept. Reusing the received JSON spares an encode of every body on the hot path.
     */
    public static byte[] storedForm(SendMailRequested r, byte[] received) {
        if (r.inlineProfile() == null) {
            return received;
        }
        SendMailRequested stripped = new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(),
                r.purpose(), r.projectUid(), r.source(), r.to(), r.cc(), r.bcc(), r.replyTo(), r.subject(), r.text(),
                r.html(), r.headers(), null, r.requestedAt(), r.expiresAt());
        return EventCodec.encode(stripped);
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime odt) {
        return odt == null ? null : odt.toInstant();
    }
}
