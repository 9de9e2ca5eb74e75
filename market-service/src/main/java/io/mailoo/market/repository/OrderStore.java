package io.mailoo.market.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.MarketOrder;
import io.mailoo.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a new order with the reactive SQL client, and with it, when the order mails its buyer, the confirmation
 * request's outbox row: one statement ({@code WITH order AS (INSERT … RETURNING) INSERT INTO outbox_event SELECT …}),
 * so one round trip and PostgreSQL's implicit transaction instead of BEGIN, two INSERTs and COMMIT. Hibernate Reactive
 * cost most of the order path's CPU (JFR, docs/benchmarks.md), so the hot insert goes around it; reads and the owner
 * routes keep using the entities. An Idempotency-Key that the integration already used inserts nothing, neither the
 * order nor its event ({@code ON CONFLICT … DO NOTHING}, which waits for a concurrent insert of the same key to
 * commit), so two simultaneous requests with one key end with one order, one mail and no error.
 */
@ApplicationScoped
public class OrderStore {

    /** market_order's columns, in the order of {@link #values} and of {@link #order(Row)}'s reads. */
    private static final String COLUMNS = "id, integration_id, project_uid, api_key_id, idempotency_key, "
            + "request_hash, buyer_email, buyer_name, note, currency, total_minor, lines, mail_message_id, mail_status, "
            + "mail_error_code, created_at, updated_at";
    private static final String INSERT = "INSERT INTO market_order (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, "
            + "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
            + "ON CONFLICT ON CONSTRAINT market_order_idempotency DO NOTHING";
    private static final int ORDER_COLUMNS = 17;
    private static final String INSERT_WITH_EVENT = "WITH stored AS (" + INSERT + " RETURNING id) "
            + "INSERT INTO outbox_event (" + Outbox.COLUMNS + ") SELECT "
            + Outbox.typedParameters(ORDER_COLUMNS + 1) + " FROM stored";

    private static final String BY_IDEMPOTENCY_KEY = "SELECT " + COLUMNS + " FROM market_order "
            + "WHERE integration_id = $1 AND idempotency_key = $2";

    private final Pool pool;

    public OrderStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts {@code order} alone; false when the integration already had an order with its Idempotency-Key. */
    public Uni<Boolean> insert(MarketOrder order) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(values(order))).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Inserts {@code order} and the outbox row of {@code event} ({@link Outbox#values}) together; false, and neither
     * written, when the integration already had an order with its Idempotency-Key.
     */
    public Uni<Boolean> insert(MarketOrder order, List<Object> event) {
        List<Object> values = new ArrayList<>(values(order));
        values.addAll(event);
        return pool.preparedQuery(INSERT_WITH_EVENT).execute(Tuple.from(values)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * The integration's order with this Idempotency-Key, or null. Through the SQL client like the insert: a
     * Hibernate session opened here by several requests racing on one key failed now and then ("Illegal pop()").
     */
    public Uni<MarketOrder> byIdempotencyKey(String integrationId, String idempotencyKey) {
        return pool.preparedQuery(BY_IDEMPOTENCY_KEY).execute(Tuple.of(integrationId, idempotencyKey))
                .map(rows -> rows.size() == 0 ? null : order(rows.iterator().next()));
    }

    private static MarketOrder order(Row row) {
        MarketOrder o = new MarketOrder();
        o.id = row.getUUID("id");
        o.integrationId = row.getString("integration_id");
        o.projectUid = row.getString("project_uid");
        o.apiKeyId = row.getUUID("api_key_id");
        o.idempotencyKey = row.getString("idempotency_key");
        o.requestHash = row.getString("request_hash");
        o.buyerEmail = row.getString("buyer_email");
        o.buyerName = row.getString("buyer_name");
        o.note = row.getString("note");
        o.currency = row.getString("currency");
        o.totalMinor = row.getLong("total_minor");
        o.linesJson = row.getString("lines");
        o.mailMessageId = row.getUUID("mail_message_id");
        o.mailStatus = row.getString("mail_status");
        o.mailErrorCode = row.getString("mail_error_code");
        o.createdAt = row.getOffsetDateTime("created_at").toInstant();
        o.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return o;
    }

    private static List<Object> values(MarketOrder o) {
        return Arrays.asList(o.id, o.integrationId, o.projectUid, o.apiKeyId, o.idempotencyKey,
                o.requestHash, o.buyerEmail, o.buyerName, o.note, o.currency, o.totalMinor, o.linesJson,
                o.mailMessageId, o.mailStatus, o.mailErrorCode, OffsetDateTime.ofInstant(o.createdAt, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(o.updatedAt, ZoneOffset.UTC));
    }
}
