package io.mailoo.offer.messaging;

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
 * What the projections of compacted topics share: a tombstone deletes the key's row — one with its version
 * (mailoo-removed-version) only unless the row is newer, and it is remembered so a late, older save stays removed;
 * a malformed record or one whose key disagrees with its value is logged (without its payload) and skipped;
 * anything else is applied in a transaction (retried, see {@link DatabaseRetry}).
 */
final class CompactedTopicRecords {

    /** One projection: how to read an event's key and version, and how to change its table. */
    interface Projection<T> {
        /** The key the event belongs under, or null when the event is unusable. */
        String keyOf(T event);

        long versionOf(T event);

        /** The stored row's version, a null item when there is none. */
        Uni<Long> storedVersion(String key);

        Uni<?> delete(String key);

        /** Applies the event unless the stored row is newer. */
        Uni<?> upsert(T event);
    }

    private CompactedTopicRecords() {
    }

    static <T> Uni<Void> apply(ConsumerRecord<String, byte[]> record, Class<T> type, Logger log,
            Projection<T> projection) {
        String key = record.key();
        if (key == null) {
            log.warnf("Skipping a record without key at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        if (record.value() == null) {
            return removal(record, key, log, projection);
        }
        T event;
        try {
            event = EventCodec.decode(record.value(), type);
        } catch (EventDecodingException e) {
            log.warnf("Skipping a malformed record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!key.equals(projection.keyOf(event))) {
            log.warnf("Skipping the record at %s-%d@%d: the key does not match the event or the event is incomplete",
                    record.topic(), record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        long version = projection.versionOf(event);
        return DatabaseRetry.inTransaction(() -> RemovalMarkers.allowSave(record.topic(), key, version)
                .chain(allowed -> allowed ? projection.upsert(event) : Uni.createFrom().voidItem()),
                log, "a record of " + record.topic());
    }

    private static <T> Uni<Void> removal(ConsumerRecord<String, byte[]> record, String key, Logger log,
            Projection<T> projection) {
        Header header = record.headers().lastHeader(Topics.REMOVED_VERSION_HEADER);
        OptionalLong removed = VersionedRemovals.removedVersion(header == null ? null : header.value());
        if (removed.isEmpty()) {
            return DatabaseRetry.inTransaction(() -> projection.delete(key), log, "a tombstone on " + record.topic());
        }
        return DatabaseRetry.inTransaction(() -> RemovalMarkers.remove(record.topic(), key, removed.getAsLong(),
                () -> projection.storedVersion(key), () -> projection.delete(key)),
                log, "a tombstone on " + record.topic());
    }
}
