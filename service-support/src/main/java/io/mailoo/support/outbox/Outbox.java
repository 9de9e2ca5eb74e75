package io.mailoo.support.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = topic;
        row.messageKey = key;
        row.ceType = ceType;
        row.payload = event == null ? null : EventCodec.encode(event);
        row.createdAt = Instant.now();
        return row.persist().replaceWithVoid();
    }

    /** A tombstone for a compacted topic: the key's value is removed. */
    public Uni<Void> addTombstone(String topic, String key) {
        return add(topic, key, null, null);
    }
}
