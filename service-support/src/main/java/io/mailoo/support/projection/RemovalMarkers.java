package io.mailoo.support.projection;

import java.time.Instant;
import java.util.function.Supplier;

import io.mailoo.contracts.events.VersionedRemovals;
import io.smallrye.mutiny.Uni;

/**
 * The versioned-removal rules ({@link VersionedRemovals}) for a projection of a compacted topic whose removed rows
 * are deleted: the removal is remembered in projection_removal. Call inside the projection's transaction, one
 * record of a key at a time (a partition's records are handled in order).
 */
public final class RemovalMarkers {

    private RemovalMarkers() {
    }

    /** Whether a save of {@code version} may go on to its row; a recorded removal it is newer than is forgotten. */
    public static Uni<Boolean> allowSave(String topic, String key, long version) {
        return RemovalMarker.<RemovalMarker>findById(RemovalMarker.key(topic, key)).chain(marker -> {
            if (marker == null) {
                return Uni.createFrom().item(true);
            }
            if (!VersionedRemovals.saveAppliesAfterRemoval(version, marker.version)) {
                return Uni.createFrom().item(false);
            }
            return marker.delete().replaceWith(true);
        });
    }

    /**
     * Applies a removal of {@code removedVersion} unless what is stored is newer: {@code delete} removes the row and
     * the removal is recorded. False when ignored.
     *
     * @param storedVersion the row's version, or a null item when there is no row
     */
    public static Uni<Boolean> remove(String topic, String key, long removedVersion, Supplier<Uni<Long>> storedVersion,
            Supplier<Uni<?>> delete) {
        return RemovalMarker.<RemovalMarker>findById(RemovalMarker.key(topic, key))
                .chain(marker -> storedVersion.get().chain(rowVersion -> {
                    long stored = Math.max(rowVersion == null ? 0 : rowVersion, marker == null ? 0 : marker.version);
                    if (!VersionedRemovals.removalApplies(removedVersion, stored)) {
                        return Uni.createFrom().item(false);
                    }
                    RemovalMarker recorded = marker != null ? marker : new RemovalMarker();
                    recorded.topic = topic;
                    recorded.messageKey = key;
                    recorded.version = removedVersion;
                    recorded.removedAt = Instant.now();
                    return delete.get().chain(() -> recorded.persist()).replaceWith(true);
                }));
    }
}
