package io.mailoo.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import io.mailoo.contracts.Topics;

/**
 * Removals on the compacted topics (mailoo.projects.v1, mailoo.integrations.v1, mailoo.mail-profiles.v1) carry
 * their version in the {@value Topics#REMOVED_VERSION_HEADER} header: producers count saves and removals of a key
 * with one counter that only grows, and the tombstone carries the counter's value at the removal. These rules
 * decide, whatever order the records arrive in, so every projector agrees.
 */
public final class VersionedRemovals {

    private VersionedRemovals() {
    }

    /** The header value: the version in decimal ASCII, readable with Kafka's console tools. */
    public static byte[] header(long removedVersion) {
        return Long.toString(removedVersion).getBytes(StandardCharsets.US_ASCII);
    }

    /** The version a tombstone carries; empty without the header (data from before it) or when unreadable. */
    public static OptionalLong removedVersion(byte[] headerValue) {
        if (headerValue == null || headerValue.length == 0 || headerValue.length > 19) {
            return OptionalLong.empty();
        }
        try {
            long version = Long.parseLong(new String(headerValue, StandardCharsets.US_ASCII));
            return version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A removal applies unless what is stored (a save or an earlier removal) is newer. */
    public static boolean removalApplies(long removedVersion, long storedVersion) {
        return removedVersion >= storedVersion;
    }

    /** A save applies over a recorded removal only when it is newer: a save of the removed version stays removed. */
    public static boolean saveAppliesAfterRemoval(long savedVersion, long removedVersion) {
        return savedVersion > removedVersion;
    }
}
