package io.mailoo.integration.service.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signed, single-purpose subscriber link tokens, URL-safe and opaque to their holder:
 * {@code <purpose>.<subscriber id>.<expires (epoch seconds, hex; 0 = never)>.<key id>.<HMAC-SHA256>}, the MAC over
 * a versioned label and the four fields. Nothing but the HMAC makes a token valid, so a token cannot be changed,
 * moved to another subscriber or used for the other purpose; verifying costs no database read.
 */
public final class LinkTokens {

    private static final String LABEL = "mailoo-subscriber-link:v1:";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    /** What a valid token says. */
    public record Link(LinkPurpose purpose, UUID subscriberId, Instant expiresAt) {
    }

    /** Why a token was refused. */
    public enum Refusal {
        INVALID,
        EXPIRED
    }

    /** A refused token; carries no part of the token. */
    public static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private LinkTokens() {
    }

    /** A token for {@code purpose} on the subscriber, valid until {@code expiresAt} (null: for good). */
    public static String sign(LinkKeys keys, LinkPurpose purpose, UUID subscriberId, Instant expiresAt) {
        String body = purpose.tag() + "." + B64.encodeToString(bytes(subscriberId)) + "."
                + Long.toHexString(expiresAt == null ? 0 : expiresAt.getEpochSecond()) + "." + keys.currentId();
        return body + "." + B64.encodeToString(mac(keys.current(), body));
    }

    /** The link of a token that is well-formed, signed by a configured key, of this purpose and not expired. */
    public static Link verify(LinkKeys keys, String token, LinkPurpose expected, Instant now) {
        String[] parts = token == null || token.length() > 200 ? new String[0] : token.split("\\.", -1);
        if (parts.length != 5) {
            throw new RefusedException(Refusal.INVALID);
        }
        byte[] key = keys.byId(parts[3]);
        String body = token.substring(0, token.lastIndexOf('.'));
        // compared as text, so that every character counts (base64 leaves low bits of the last one unused)
        if (key == null || !MessageDigest.isEqual(B64.encode(mac(key, body)),
                parts[4].getBytes(StandardCharsets.US_ASCII))) {
            throw new RefusedException(Refusal.INVALID);
        }
        // signed by us from here on: the fields are ours, but still of the purpose this route serves?
        LinkPurpose purpose = LinkPurpose.ofTag(parts[0]);
        byte[] id = decode(parts[1]);
        if (purpose != expected || id == null || id.length != 16) {
            throw new RefusedException(Refusal.INVALID);
        }
        long expires = Long.parseUnsignedLong(parts[2], 16);
        Instant expiresAt = expires == 0 ? null : Instant.ofEpochSecond(expires);
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            throw new RefusedException(Refusal.EXPIRED);
        }
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return new Link(purpose, new UUID(buffer.getLong(), buffer.getLong()), expiresAt);
    }

    private static byte[] mac(byte[] key, String body) {
        return LinkKeys.hmac(key, (LABEL + body).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static byte[] decode(String part) {
        try {
            return B64_DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
