package io.mailoo.market.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.MarketOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a new order with the reactive SQL client: one transaction of BEGIN, INSERT order, the caller's other writes
 * (its outbox event), COMMIT. Hibernate Reactive cost most of the order path's CPU (JFR, docs/benchmarks.md), so the
 * hot insert goes around it; reads and the owner routes keep using the entities. An Idempotency-Key that the
 * integration already used inserts nothing ({@code ON CONFLICT … DO NOTHING}, which waits for a concurrent insert
 * of the same key to commit), so two simultaneous requests with one key end with one order and no error.
 */
@ApplicationScoped
public class OrderStore {

    private static final String INSERT = "INSERT INTO market_order (id, integration_id, project_uid, api_key_id, "
            + "idempotency_key, request_hash, buyer_email, buyer_name, note, currency, total_minor, lines, "
            + "mail_message_id, mail_status, mail_error_code, created_at, updated_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
            + "ON CONFLICT ON CONSTRAINT market_order_idempotency DO NOTHING";

    private final Pool pool;

    public OrderStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts {@code order} and runs {@code alsoInTransaction} on the same connection when it was inserted; true
     * when it was, false when the integration already had an order with its Idempotency-Key (nothing written).
     */
    public Uni<Boolean> insert(MarketOrder order, Function<SqlConnection, Uni<Void>> alsoInTransaction) {
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).execute(values(order))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : alsoInTransaction.apply(connection).replaceWith(true)));
    }

    private static Tuple values(MarketOrder o) {
        return Tuple.from(Arrays.asList(o.id, o.integrationId, o.projectUid, o.apiKeyId, o.idempotencyKey,
                o.requestHash, o.buyerEmail, o.buyerName, o.note, o.currency, o.totalMinor, o.linesJson,
                o.mailMessageId, o.mailStatus, o.mailErrorCode, OffsetDateTime.ofInstant(o.createdAt, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(o.updatedAt, ZoneOffset.UTC)));
    }
}
