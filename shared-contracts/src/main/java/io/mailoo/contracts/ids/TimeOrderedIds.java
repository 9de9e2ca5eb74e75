package io.mailoo.contracts.ids;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): the first 48 bits are the Unix time in milliseconds, the rest random. Other
 * services read the creation time back from an id they have not projected yet, to tell "just created, not here yet"
 * from "does not exist" without asking anybody.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VERSION = 7;
    private static final int VARIANT_RFC = 2;

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** A version-7 id for the given Unix time in milliseconds (also what tests use for "an old id"). */
    public static UUID at(long unixMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long most = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | (long) VERSION << 12 | randA;
        long least = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | (long) VARIANT_RFC << 62;
        return new UUID(most, least);
    }

    /** The creation time embedded in a version-7 id; empty for any other kind of UUID. */
    public static Optional<Instant> createdAt(UUID id) {
        if (id == null || id.version() != VERSION || id.variant() != VARIANT_RFC) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16));
    }

    /** As {@link #createdAt(UUID)} for an id in text form; empty when it is not a UUID at all. */
    public static Optional<Instant> createdAt(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return createdAt(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
