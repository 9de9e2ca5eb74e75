package io.mailoo.support.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Adds events to the outbox. Call it inside the transaction that makes the change (e.g. a {@code @WithTransaction}
 * method), so the change and its event are stored together or not at all; a Kafka outage then delays the event and
 * never loses it.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    OutboxRelay relay;

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

    /** The columns of a new event's row, in the order of {@link #values} and {@link #typedParameters}. */
    public static final String COLUMNS = "id, topic, message_key, ce_type, payload, created_at";

    /**
     * {@link #COLUMNS}' parameters from {@code $first} on, each cast to its column's type, for an
     * {@code INSERT INTO outbox_event (COLUMNS) SELECT … FROM …} that adds the event in the same statement as the
     * change it describes (market-service's order: one statement, no BEGIN/COMMIT round trips).
     */
    public static String typedParameters(int first) {
        return parameters(first, "");
    }

    /**
     * {@link #COLUMNS}' parameters from {@code $first} on as arrays of their column's type, one element per event,
     * for an {@code unnest(…)} that adds many events in one statement; {@link #ARRAY_ELEMENTS} are the arrays' Java
     * element classes.
     */
    public static String typedArrayParameters(int first) {
        return parameters(first, "[]");
    }

    /** The Java class of each of {@link #COLUMNS}' values ({@link #values}), for the arrays of {@link #typedArrayParameters}. */
    public static final List<Class<?>> ARRAY_ELEMENTS = List.of(UUID.class, String.class, String.class, String.class,
            Buffer.class, OffsetDateTime.class);

    private static final List<String> TYPES = List.of("uuid", "text", "text", "text", "bytea", "timestamptz");

    private static String parameters(int first, String suffix) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < TYPES.size(); i++) {
            sql.append(i == 0 ? "$" : ", $").append(first + i).append("::").append(TYPES.get(i)).append(suffix);
        }
        return sql.toString();
    }

    /** The values of a new event's row in {@link #COLUMNS}' order, for the statement above. */
    public static List<Object> values(String topic, String key, String ceType, Object event) {
        OutboxEvent row = row(topic, key, ceType, event, null);
        return Arrays.asList(row.id, row.topic, row.messageKey, row.ceType,
                row.payload == null ? null : Buffer.buffer(row.payload),
                OffsetDateTime.ofInstant(row.createdAt, ZoneOffset.UTC));
    }

    /**
     * Moves the events now: call it once a statement or transaction that added events without Hibernate has
     * committed. A table without the NOTIFY trigger (market-service: NOTIFY serialises every commit of the database,
     * docs/service-conventions.md) learns of its events only from this call and the poll.
     */
    public void committed() {
        relay.drain();
    }

    private static OutboxEvent row(String topic, String key, String ceType, Object event, Long removedVersion) {
        OutboxEvent row = new OutboxEvent();
        row.id = TimeOrderedIds.next(); // v7: the primary key index is appended to, not written all over
        row.topic = topic;
        row.messageKey = key;
        row.ceType = ceType;
        row.payload = event == null ? null : EventCodec.encode(event);
        row.removedVersion = removedVersion;
        row.createdAt = Instant.now();
        return row;
    }
}
