package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.ids.TimeOrderedIds;

class TimeOrderedIdsTest {

    @Test
    void anIdIsVersion7WithTheRfcVariantAndItsCreationTime() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        Instant created = TimeOrderedIds.createdAt(id).orElseThrow();
        assertTrue(!created.isBefore(Instant.ofEpochMilli(before)) && !created.isAfter(Instant.ofEpochMilli(after)));
        assertEquals(created, TimeOrderedIds.createdAt(id.toString()).orElseThrow());
    }

    @Test
    void theTimestampIsTheFirst48BitsAsRfc9562Says() {
        // RFC 9562 appendix A.6: 2022-02-22T19:22:22Z = 0x017F22E279B0 ms is the id's first 12 hex digits
        UUID example = UUID.fromString("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        assertEquals(Optional.of(Instant.ofEpochMilli(0x017F22E279B0L)), TimeOrderedIds.createdAt(example));
        UUID made = TimeOrderedIds.at(0x017F22E279B0L);
        assertTrue(made.toString().startsWith("017f22e2-79b0-7"), made.toString());
    }

    @Test
    void idsOfLaterMillisecondsSortLater() {
        UUID earlier = TimeOrderedIds.at(1_700_000_000_000L);
        UUID later = TimeOrderedIds.at(1_700_000_000_001L);
        assertTrue(earlier.toString().compareTo(later.toString()) < 0);
    }

    @Test
    void idsAreUnique() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(TimeOrderedIds.next()));
        }
    }

    @Test
    void otherIdsHaveNoCreationTime() {
        assertEquals(Optional.empty(), TimeOrderedIds.createdAt(UUID.randomUUID()));
        assertEquals(Optional.empty(), TimeOrderedIds.createdAt("project-1234"));
        assertEquals(Optional.empty(), TimeOrderedIds.createdAt((String) null));
        assertEquals(Optional.empty(), TimeOrderedIds.createdAt("017f22e2-79b0-7cc3-98c4-dc0c0c07398"));
        // version 7 bits with the wrong variant (NCS, 0b0xx) is not an RFC 9562 id
        assertEquals(Optional.empty(), TimeOrderedIds.createdAt("017f22e2-79b0-7cc3-18c4-dc0c0c07398f"));
    }
}
