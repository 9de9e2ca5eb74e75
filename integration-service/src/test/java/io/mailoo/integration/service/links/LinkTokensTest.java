package io.mailoo.integration.service.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Subscriber link tokens on their own: what makes one valid, rotation, and where the keys come from. */
class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String SMTP_KEY = key();
    private static final String LINK_KEY = key();

    @Test
    void aTokenNamesItsSubscriberForItsPurposeOnlyUntilItExpires() {
        LinkKeys keys = LinkKeys.of(LINK_KEY, null, SMTP_KEY, null);
        UUID id = UUID.randomUUID();
        String confirm = LinkTokens.sign(keys, LinkPurpose.CONFIRM, id, NOW.plusSeconds(60));
        String unsubscribe = LinkTokens.sign(keys, LinkPurpose.UNSUBSCRIBE, id, null);
        assertTrue(confirm.matches("[A-Za-z0-9._-]+") && confirm.length() < 120, confirm);

        assertEquals(id, LinkTokens.verify(keys, confirm, LinkPurpose.CONFIRM, NOW).subscriberId());
        assertEquals(id, LinkTokens.verify(keys, unsubscribe, LinkPurpose.UNSUBSCRIBE, NOW.plusSeconds(300_000_000L))
                .subscriberId(), "an unsubscribe link does not expire");
        assertRefused(LinkTokens.Refusal.INVALID, keys, confirm, LinkPurpose.UNSUBSCRIBE, NOW);
        assertRefused(LinkTokens.Refusal.INVALID, keys, unsubscribe, LinkPurpose.CONFIRM, NOW);
        assertRefused(LinkTokens.Refusal.EXPIRED, keys, confirm, LinkPurpose.CONFIRM, NOW.plusSeconds(60));
    }

    @Test
    void anyChangedCutOrForeignTokenIsInvalid() {
        LinkKeys keys = LinkKeys.of(LINK_KEY, null, null, null);
        String token = LinkTokens.sign(keys, LinkPurpose.UNSUBSCRIBE, UUID.randomUUID(), null);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertRefused(LinkTokens.Refusal.INVALID, keys, changed, LinkPurpose.UNSUBSCRIBE, NOW);
        }
        assertRefused(LinkTokens.Refusal.INVALID, keys, token.substring(0, token.length() - 3),
                LinkPurpose.UNSUBSCRIBE, NOW);
        assertRefused(LinkTokens.Refusal.INVALID, keys, token + ".x", LinkPurpose.UNSUBSCRIBE, NOW);
        assertRefused(LinkTokens.Refusal.INVALID, keys, null, LinkPurpose.UNSUBSCRIBE, NOW);
        assertRefused(LinkTokens.Refusal.INVALID, keys, "a".repeat(5000), LinkPurpose.UNSUBSCRIBE, NOW);
        LinkKeys other = LinkKeys.of(key(), null, null, null);
        assertRefused(LinkTokens.Refusal.INVALID, other, token, LinkPurpose.UNSUBSCRIBE, NOW);
    }

    @Test
    void rotationKeepsOldLinksWorkingWhileTheOldKeyIsAPreviousKey() {
        LinkKeys before = LinkKeys.of(LINK_KEY, null, null, null);
        String old = LinkTokens.sign(before, LinkPurpose.UNSUBSCRIBE, UUID.randomUUID(), null);
        String newKey = key();
        LinkKeys rotated = LinkKeys.of(newKey, LINK_KEY, null, null);
        LinkTokens.verify(rotated, old, LinkPurpose.UNSUBSCRIBE, NOW);
        String fresh = LinkTokens.sign(rotated, LinkPurpose.UNSUBSCRIBE, UUID.randomUUID(), null);
        assertRefused(LinkTokens.Refusal.INVALID, before, fresh, LinkPurpose.UNSUBSCRIBE, NOW);
        assertRefused(LinkTokens.Refusal.INVALID, LinkKeys.of(newKey, null, null, null), old,
                LinkPurpose.UNSUBSCRIBE, NOW);
    }

    @Test
    void withoutALinkKeyTheKeyIsDerivedFromTheSmtpKeyNeverTheSmtpKeyItself() {
        LinkKeys derived = LinkKeys.of("", null, SMTP_KEY, null);
        assertTrue(derived.present());
        LinkKeys smtpAsLinkKey = LinkKeys.of(SMTP_KEY, null, null, null);
        String token = LinkTokens.sign(derived, LinkPurpose.CONFIRM, UUID.randomUUID(), NOW.plusSeconds(60));
        assertRefused(LinkTokens.Refusal.INVALID, smtpAsLinkKey, token, LinkPurpose.CONFIRM, NOW);
        assertFalse(token.contains(io.mailoo.contracts.crypto.SmtpSecretCipher.keyId(Base64.getDecoder()
                .decode(SMTP_KEY))), "not even the SMTP key's id appears");
        assertFalse(LinkKeys.of(null, null, null, null).present());
    }

    @Test
    void aShortOrMalformedLinkKeyStopsTheService() {
        assertThrows(IllegalStateException.class, () -> LinkKeys.of(Base64.getEncoder().encodeToString(new byte[16]),
                null, null, null));
        assertThrows(IllegalStateException.class, () -> LinkKeys.of("not base64!", null, null, null));
    }

    private static void assertRefused(LinkTokens.Refusal expected, LinkKeys keys, String token, LinkPurpose purpose,
            Instant now) {
        LinkTokens.RefusedException e = assertThrows(LinkTokens.RefusedException.class,
                () -> LinkTokens.verify(keys, token, purpose, now), token);
        assertEquals(expected, e.refusal(), token);
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
