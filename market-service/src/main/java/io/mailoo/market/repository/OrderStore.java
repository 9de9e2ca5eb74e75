package io.mailoo.market.repository;

import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.config.MarketSettings;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.support.outbox.Outbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Stores a new order with the reactive SQL client, and with it, when the order mails its buyer, the confirmation
 * request's outbox row: one statement ({@code WITH order AS (INSERT … RETURNING) INSERT INTO outbox_event SELECT …}),
 * so one round trip and PostgreSQL's implicit transaction instead of BEGIN, two INSERTs and COMMIT. Hibernate Reactive
 * cost most of the order path's CPU (JFR, docs/benchmarks.md), so the hot insert goes around it; reads and the owner
 * routes keep using the entities. An Idempotency-Key that the integration already used inserts nothing, neither the
 * order nor its event ({@code ON CONFLICT … DO NOTHING}, which waits for a concurrent insert of the same key to
 * commit), so two simultaneous requests with one key end with one order, one mail and no error. Orders placed at the
 * same time share one statement ({@link OrderInsertQueue}, group commit): each column as an array, one transaction.
 */
@ApplicationScoped
@Startup
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

    /**
     * Many new orders in one statement: each column as an array ({@code unnest}), the orders inserted in
     * (integration, Idempotency-Key) order so that two batches racing on the same keys wait for each other instead of
     * deadlocking, and the outbox rows of those inserted (and only of those) added in the same statement.
     */
    private static final String INSERT_MANY = "WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[], "
            + "$3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], "
            + "$11::int8[], $12::text[], $13::uuid[], $14::text[], $15::text[], $16::timestamptz[], $17::timestamptz[], "
            + Outbox.typedArrayParameters(ORDER_COLUMNS + 1) + ") AS t(" + COLUMNS + ", " + eventColumns("e_") + ")), "
            + "stored AS (INSERT INTO market_order (" + COLUMNS + ") SELECT " + COLUMNS + " FROM input "
            + "ORDER BY integration_id, idempotency_key "
            + "ON CONFLICT ON CONSTRAINT market_order_idempotency DO NOTHING RETURNING id), "
            + "events AS (INSERT INTO outbox_event (" + Outbox.COLUMNS + ") SELECT " + eventColumns("i.e_")
            + " FROM input i JOIN stored s ON s.id = i.id WHERE i.e_id IS NOT NULL) "
            + "SELECT id FROM stored";
    /** The Java class of each market_order column's value, in {@link #COLUMNS}' order (for the arrays above). */
    private static final List<Class<?>> ORDER_ELEMENTS = List.of(UUID.class, String.class, String.class, UUID.class,
            String.class, String.class, String.class, String.class, String.class, String.class, Long.class,
            String.class, UUID.class, String.class, String.class, OffsetDateTime.class, OffsetDateTime.class);

    private static final String BY_IDEMPOTENCY_KEY = "SELECT " + COLUMNS + " FROM market_order "
            + "WHERE integration_id = $1 AND idempotency_key = $2";

    private final Pool pool;
    private final OrderInsertQueue queue;

    /** Orders per insert statement: how much the group commit groups (operators and the order bench read it). */
    private final DistributionSummary rowsPerStatement;

    public OrderStore(Pool pool, MarketSettings settings, MeterRegistry metrics) {
        if (settings.orderInsertStatements() < 1 || settings.orderInsertMaxRows() < 1) {
            // created at start-up (@Startup): a bad value stops the service at once, not at its first order
            throw new IllegalStateException("ORDER_INSERT_STATEMENTS (mailoo.market.order-insert-statements) and "
                    + "ORDER_INSERT_MAX_ROWS (mailoo.market.order-insert-max-rows) must be at least 1");
        }
        this.pool = pool;
        this.queue = new OrderInsertQueue(settings.orderInsertStatements(), settings.orderInsertMaxRows(),
                this::insertNow, PgException.class::isInstance);
        this.rowsPerStatement = DistributionSummary.builder("mailoo.market.order.insert.rows")
                .description("Orders stored by one insert statement (group commit)").register(metrics);
    }

    /** Inserts {@code order} alone; false when the integration already had an order with its Idempotency-Key. */
    public Uni<Boolean> insert(MarketOrder order) {
        return queue.insert(new NewOrderRow(order, null));
    }

    /**
     * Inserts {@code order} and the outbox row of {@code event} ({@link Outbox#values}) together; false, and neither
     * written, when the integration already had an order with its Idempotency-Key. Concurrent orders share a statement
     * ({@link OrderInsertQueue}).
     */
    public Uni<Boolean> insert(MarketOrder order, List<Object> event) {
        return queue.insert(new NewOrderRow(order, event));
    }

    /** How many new orders wait for a free insert statement. */
    int waitingOrders() {
        return queue.waiting();
    }

    /** One statement for {@code rows} (one transaction); the ids it inserted. */
    Uni<Set<UUID>> insertNow(List<NewOrderRow> rows) {
        rowsPerStatement.record(rows.size());
        if (rows.size() == 1) {
            return insertOne(rows.get(0));
        }
        return pool.preparedQuery(INSERT_MANY).execute(manyTuple(rows)).map(result -> {
            Set<UUID> inserted = new HashSet<>();
            for (Row row : result) {
                inserted.add(row.getUUID(0));
            }
            return inserted;
        });
    }

    private Uni<Set<UUID>> insertOne(NewOrderRow row) {
        List<Object> values = new ArrayList<>(values(row.order()));
        if (row.event() != null) {
            values.addAll(row.event());
        }
        return pool.preparedQuery(row.event() == null ? INSERT : INSERT_WITH_EVENT).execute(Tuple.from(values))
                .map(result -> result.rowCount() == 1 ? Set.of(row.order().id) : Set.<UUID>of());
    }

    private static Tuple manyTuple(List<NewOrderRow> rows) {
        List<List<Object>> orders = rows.stream().map(r -> values(r.order())).toList();
        List<Object> noEvent = Collections.nCopies(Outbox.ARRAY_ELEMENTS.size(), null);
        List<List<Object>> events = rows.stream().map(r -> r.event() == null ? noEvent : r.event()).toList();
        Tuple tuple = Tuple.tuple();
        for (int c = 0; c < ORDER_ELEMENTS.size(); c++) {
            tuple.addValue(column(orders, c, ORDER_ELEMENTS.get(c)));
        }
        for (int c = 0; c < Outbox.ARRAY_ELEMENTS.size(); c++) {
            tuple.addValue(column(events, c, Outbox.ARRAY_ELEMENTS.get(c)));
        }
        return tuple;
    }

    /** The {@code c}-th value of every row, as an array of {@code element} (what the client sends as a typed array). */
    private static Object column(List<List<Object>> rows, int c, Class<?> element) {
        Object array = Array.newInstance(element, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Array.set(array, r, rows.get(r).get(c));
        }
        return array;
    }

    private static String eventColumns(String prefix) {
        return Arrays.stream(Outbox.COLUMNS.split(", ")).map(c -> prefix + c).collect(Collectors.joining(", "));
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
