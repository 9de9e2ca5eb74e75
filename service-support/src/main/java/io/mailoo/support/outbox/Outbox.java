package io.mailoo.support.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adds events to the outbox. Call it inside the transaction that makes the change (e.g. a {@code @WithTransaction}
 * method), so the change and its event are stored together or not at all; a Kafka outage then delays the event and
 * never loses it.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_event (id, topic, message_key, ce_type, payload, "
            + "created_at) VALUES ($1, $2, $3, $4, $5, $6)";

    public Uni<Void> add(String topic, String key, String ceType, Object event) {
        return row(topic, key, ceType, event, null).persist().replaceWithVoid();
    }

    /**
     * A tombstone for a compacted topic: the key's value is removed. It carries {@code removedVersion} in the
     * {@value Topics#REMOVED_VERSION_HEADER} header: the version counter of the key at the removal, which the producer
     * keeps growing across removals and saves, so projectors order removals and saves whatever the delivery order.
     */
    public Uni<Void> addTombstone(String topic, String key, long removedVersion) {
        return row(topic, key, null, null, removedVersion).persist().replaceWithVoid();
    }

    /**
     * The same for a transaction of the reactive SQL client rather than Hibernate (market-service's order path): the
     * row is inserted through {@code connection}, so it commits or rolls back with that transaction.
     */
    public Uni<Void> add(SqlConnection connection, String topic, String key, String ceType, Object event) {
        OutboxEvent row = row(topic, key, ceType, event, null);
        return connection.preparedQuery(INSERT).execute(Tuple.tuple().addValue(row.id).addValue(row.topic)
                .addValue(row.messageKey).addValue(row.ceType)
                .addValue(row.payload == null ? null : Buffer.buffer(row.payload))
                .addValue(OffsetDateTime.ofInstant(row.createdAt, ZoneOffset.UTC))).replaceWithVoid();
    }

    private static OutboxEvent row(String topic, String key, String ceType, Object event, Long removedVersion) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.messageKey = key;
        row.ceType = ceType;
        row.payload = event == null ? null : EventCodec.encode(event);
        row.removedVersion = removedVersion;
        row.createdAt = Instant.now();
        return row;
    }
}
