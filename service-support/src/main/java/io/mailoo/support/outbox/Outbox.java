package io.mailoo.support.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;

/**
 * Adds events to the outbox. Call it inside the transaction that makes the change (e.g. a {@code @WithTransaction}
 * method), so the change and its event are stored together or not at all; a Kafka outage then delays the event and
 * never loses it.
 */
@ApplicationScoped
public class Outbox {

    public Uni<Void> add(String topic, String key, String ceType, Object event) {
        return persist(topic, key, ceType, event, null);
    }

    /**
     * A tombstone for a compacted topic: the key's value is removed. It carries {@code removedVersion} in the
     * {@value Topics#REMOVED_VERSION_HEADER} header: the version counter of the key at the removal, which the producer
     * keeps growing across removals and saves, so projectors order removals and saves whatever the delivery order.
     */
    public Uni<Void> addTombstone(String topic, String key, long removedVersion) {
        return persist(topic, key, null, null, removedVersion);
    }

    private static Uni<Void> persist(String topic, String key, String ceType, Object event, Long removedVersion) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.messageKey = key;
        row.ceType = ceType;
        row.payload = event == null ? null : EventCodec.encode(event);
        row.removedVersion = removedVersion;
        row.createdAt = Instant.now();
        return row.persist().replaceWithVoid();
    }
}
