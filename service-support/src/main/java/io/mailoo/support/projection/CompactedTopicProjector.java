package io.mailoo.support.projection;

import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.support.messaging.DatabaseRetry;
import io.smallrye.mutiny.Uni;

/**
 * The one way to materialise another service's compacted topic into a table. A value upserts (versions never go
 * back); a tombstone removes — one with its version ({@code mailoo-removed-version}) only unless the stored row is
 * newer, and it is remembered ({@link RemovalMarkers}) so a late, older save stays removed; one without (data from
 * before the header) removes as it always did. A record without key, one that does not decode, and one whose key
 * is not its value's key are refused: logged without payload and skipped, since one bad record must not stop the
 * projection. Database work runs in a transaction and is retried on failure ({@link DatabaseRetry}), so a short
 * PostgreSQL outage delays an update instead of dropping it.
 *
 * <p>A subclass is a bean with an {@code @Incoming} method (with {@code @ActivateRequestContext}) that calls
 * {@link #project}.
 */
public abstract class CompactedTopicProjector<E> {

    private static final Logger LOG = Logger.getLogger(CompactedTopicProjector.class);

    private final Class<E> type;

    protected CompactedTopicProjector(Class<E> type) {
        this.type = type;
    }

    /** The key the event belongs under, or null when the event is unusable (a record keyed otherwise is refused). */
    protected abstract String keyOf(E event);

    protected abstract long versionOf(E event);

    /** The stored row's version, a null item when there is none; runs inside the transaction. */
    protected abstract Uni<Long> storedVersion(String key);

    /** Applies the event unless the stored row is newer; runs inside the transaction. */
    protected abstract Uni<?> upsert(String key, E event);

    /** Removes the key's row (however the projection shows a removal); runs inside the transaction. */
    protected abstract Uni<?> remove(String key);

    /** Runs one attempt's work in a transaction, retried; a seam for tests that run without a database. */
    protected Uni<Void> inTransaction(Supplier<Uni<?>> work, String what) {
        return DatabaseRetry.inTransaction(work, LOG, what);
    }

    public Uni<Void> project(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            return refused(record, "it has no key");
        }
        if (record.value() == null) {
            return removal(record, key);
        }
        E event;
        try {
            event = EventCodec.decode(record.value(), type);
        } catch (EventDecodingException e) {
            return refused(record, "it is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
        if (!key.equals(keyOf(event))) {
            return refused(record, "its key is not the event's key or the event is incomplete");
        }
        long version = versionOf(event);
        return inTransaction(() -> RemovalMarkers.allowSave(record.topic(), key, version).chain(allowed -> {
            if (allowed) {
                return upsert(key, event);
            }
            LOG.debugf("Ignoring version %d at %s-%d@%d: a newer removal is recorded", version, record.topic(),
                    record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }), "a record of " + record.topic());
    }

    private Uni<Void> removal(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(Topics.REMOVED_VERSION_HEADER);
        OptionalLong removed = VersionedRemovals.removedVersion(header == null ? null : header.value());
        String what = "a tombstone on " + record.topic();
        if (removed.isEmpty()) {
            return inTransaction(() -> remove(key), what);
        }
        return inTransaction(() -> RemovalMarkers.remove(record.topic(), key, removed.getAsLong(),
                () -> storedVersion(key), () -> remove(key)).invoke(applied -> {
                    if (!applied) {
                        LOG.debugf("Ignoring the removal at version %d at %s-%d@%d: a newer version is stored",
                                removed.getAsLong(), record.topic(), record.partition(), record.offset());
                    }
                }), what);
    }

    private static Uni<Void> refused(ConsumerRecord<String, byte[]> record, String why) {
        LOG.warnf("Refusing the record at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), why);
        return Uni.createFrom().voidItem();
    }
}
