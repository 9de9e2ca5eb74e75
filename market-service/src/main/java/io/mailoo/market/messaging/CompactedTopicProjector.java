package io.mailoo.market.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Materialises one compacted topic of another service into a table: a value upserts (versions never go back), a
 * tombstone removes. A record that does not decode, or whose key disagrees with its value, is logged and skipped:
 * one bad record must not stop the projection.
 */
abstract class CompactedTopicProjector<E> {

    private static final Logger LOG = Logger.getLogger(CompactedTopicProjector.class);

    private final Class<E> type;

    CompactedTopicProjector(Class<E> type) {
        this.type = type;
    }

    /** Applies the event unless the stored row is newer; runs inside a transaction. */
    abstract Uni<Void> upsert(String key, E event);

    /** Handles a tombstone; runs inside a transaction. */
    abstract Uni<Void> remove(String key);

    /** The key the event belongs under, or null when the event is unusable. */
    abstract String keyOf(E event);

    Uni<Void> project(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            LOG.warnf("Ignoring a %s record without key at %s-%d@%d", type.getSimpleName(), record.topic(),
                    record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        if (record.value() == null) {
            return Panache.withTransaction(() -> remove(key));
        }
        E event;
        try {
            event = EventCodec.decode(record.value(), type);
        } catch (EventDecodingException e) {
            LOG.warnf("Ignoring %s at %s-%d@%d: %s", key, record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!key.equals(keyOf(event))) {
            LOG.warnf("Ignoring %s at %s-%d@%d: the key does not match the event or the event is incomplete", key,
                    record.topic(), record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> upsert(key, event));
    }
}
