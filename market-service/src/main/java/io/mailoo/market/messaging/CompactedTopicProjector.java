package io.mailoo.market.messaging;

import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.support.messaging.DatabaseRetry;
import io.mailoo.support.projection.RemovalMarkers;
import io.smallrye.mutiny.Uni;

/**
 * Materialises one compacted topic of another service into a table: a value upserts (versions never go back), a
 * tombstone removes. A tombstone with its version (mailoo-removed-version) is ignored when the stored row is newer
 * and is remembered, so a late save older than it stays removed; one without (data from before the header)
 * removes as it always did. A record that does not decode, or whose key disagrees with its value, is logged and
 * skipped: one bad record must not stop the projection. Database work is retried (DatabaseRetry).
 */
abstract class CompactedTopicProjector<E> {

    private static final Logger LOG = Logger.getLogger(CompactedTopicProjector.class);

    private final Class<E> type;

    CompactedTopicProjector(Class<E> type) {
        this.type = type;
    }

    /** Applies the event unless the stored row is newer; runs inside a transaction. */
    abstract Uni<Void> upsert(String key, E event);

    /** Removes the key's row (however that projection shows a removal); runs inside a transaction. */
    abstract Uni<Void> remove(String key);

    /** The key the event belongs under, or null when the event is unusable. */
    abstract String keyOf(E event);

    abstract long versionOf(E event);

    /** The stored row's version, a null item when there is none; runs inside a transaction. */
    abstract Uni<Long> storedVersion(String key);

    Uni<Void> project(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            LOG.warnf("Ignoring a %s record without key at %s-%d@%d", type.getSimpleName(), record.topic(),
                    record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        if (record.value() == null) {
            return removal(record, key);
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
        return DatabaseRetry.inTransaction(() -> RemovalMarkers.allowSave(record.topic(), key, versionOf(event))
                .chain(allowed -> allowed ? upsert(key, event) : ignored(record, key, versionOf(event))),
                LOG, "a record of " + record.topic());
    }

    private Uni<Void> removal(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(Topics.REMOVED_VERSION_HEADER);
        OptionalLong removed = VersionedRemovals.removedVersion(header == null ? null : header.value());
        if (removed.isEmpty()) {
            return DatabaseRetry.inTransaction(() -> remove(key), LOG, "a tombstone on " + record.topic());
        }
        return DatabaseRetry.inTransaction(() -> RemovalMarkers.remove(record.topic(), key, removed.getAsLong(),
                () -> storedVersion(key), () -> remove(key)).invoke(applied -> {
                    if (!applied) {
                        LOG.debugf("Ignoring the removal of %s at version %d: a newer version is stored", key,
                                removed.getAsLong());
                    }
                }), LOG, "a tombstone on " + record.topic());
    }

    private static Uni<Void> ignored(ConsumerRecord<String, byte[]> record, String key, long version) {
        LOG.debugf("Ignoring %s version %d at %s-%d@%d: a newer removal is recorded", key, version, record.topic(),
                record.partition(), record.offset());
        return Uni.createFrom().voidItem();
    }
}
