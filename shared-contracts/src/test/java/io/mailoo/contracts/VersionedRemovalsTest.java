package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.VersionedRemovals;

class VersionedRemovalsTest {

    @Test
    void theHeaderIsTheVersionInDecimal() {
        assertArrayEquals("42".getBytes(StandardCharsets.US_ASCII), VersionedRemovals.header(42));
        assertEquals(OptionalLong.of(42), VersionedRemovals.removedVersion(VersionedRemovals.header(42)));
    }

    @Test
    void aMissingOrUnreadableHeaderIsNoVersion() {
        assertEquals(OptionalLong.empty(), VersionedRemovals.removedVersion(null));
        assertEquals(OptionalLong.empty(), VersionedRemovals.removedVersion(new byte[0]));
        assertEquals(OptionalLong.empty(), VersionedRemovals.removedVersion("x1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(OptionalLong.empty(), VersionedRemovals.removedVersion("-3".getBytes(StandardCharsets.UTF_8)));
        assertEquals(OptionalLong.empty(),
                VersionedRemovals.removedVersion("99999999999999999999".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRemovalOlderThanTheStoredVersionIsIgnored() {
        assertFalse(VersionedRemovals.removalApplies(2, 3)); // save v3, then a late remove v2
        assertTrue(VersionedRemovals.removalApplies(4, 3));
        assertTrue(VersionedRemovals.removalApplies(3, 3)); // the removal of exactly what is stored
    }

    @Test
    void onlyANewerSaveUndoesARemoval() {
        assertFalse(VersionedRemovals.saveAppliesAfterRemoval(3, 4)); // remove v4, then a late save v3
        assertFalse(VersionedRemovals.saveAppliesAfterRemoval(4, 4));
        assertTrue(VersionedRemovals.saveAppliesAfterRemoval(5, 4)); // remove v4, then save v5
    }
}
