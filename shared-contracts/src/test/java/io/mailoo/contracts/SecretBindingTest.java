package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.events.SmtpServer;

class SecretBindingTest {

    private static final String REF = "integration:1f0c";
    private static final SecretBinding SAVED = SecretBinding.smtpPassword(REF, "smtp.shop.example", 587,
            SmtpSecurity.STARTTLS, "shop");

    private final SmtpSecretCipher cipher = SmtpSecretCipher.fromBase64Keys(newKey(), null);

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void opensOnlyForTheServerItWasSealedFor() {
        SealedSecret sealed = cipher.seal("pw", SAVED);
        assertEquals("pw", cipher.open(sealed, SAVED));
        List<SecretBinding> others = List.of(
                SecretBinding.smtpPassword("integration:other", "smtp.shop.example", 587, SmtpSecurity.STARTTLS,
                        "shop"),
                SecretBinding.smtpPassword(REF, "attacker.example", 587, SmtpSecurity.STARTTLS, "shop"),
                SecretBinding.smtpPassword(REF, "smtp.shop.example", 2525, SmtpSecurity.STARTTLS, "shop"),
                SecretBinding.smtpPassword(REF, "smtp.shop.example", 587, SmtpSecurity.NONE, "shop"),
                SecretBinding.smtpPassword(REF, "smtp.shop.example", 587, SmtpSecurity.SSL_TLS, "shop"),
                SecretBinding.smtpPassword(REF, "smtp.shop.example", 587, SmtpSecurity.STARTTLS, "shop2"),
                SecretBinding.smtpPassword(REF, "smtp.shop.example", 587, SmtpSecurity.STARTTLS, null),
                SAVED.with("oauth2-provider", "google"));
        for (SecretBinding other : others) {
            var e = assertThrows(SecretOpenException.class, () -> cipher.open(sealed, other), other.toString());
            assertFalse(e.keyUnknown());
        }
    }

    @Test
    void hostCaseAndAbsentVersusEmptyUsernameAreTheSameServer() {
        assertEquals(SAVED, SecretBinding.smtpPassword(REF, "SMTP.Shop.Example", 587, "STARTTLS", "shop"));
        assertArrayEquals(SecretBinding.smtpPassword(REF, "h", 25, SmtpSecurity.NONE, null).associatedData(),
                SecretBinding.smtpPassword(REF, "h", 25, SmtpSecurity.NONE, "").associatedData());
        assertEquals(SAVED, SecretBinding.smtpPassword(REF,
                new SmtpServer("smtp.shop.example", 587, SmtpSecurity.STARTTLS, "shop", null)));
    }

    @Test
    void canonicalFormIsUnambiguousWhereComponentsMeet() {
        // moving characters from one component to the next must change the bytes
        byte[] a = SecretBinding.smtpPassword("integration:a", "b.example", 25, SmtpSecurity.NONE, "cd")
                .associatedData();
        byte[] b = SecretBinding.smtpPassword("integration:ab", ".example", 25, SmtpSecurity.NONE, "cd")
                .associatedData();
        byte[] c = SecretBinding.smtpPassword("integration:a", "b.example", 25, SmtpSecurity.NONE, "c")
                .with("d", "").associatedData();
        byte[] separators = SecretBinding.smtpPassword("integration:a\u0000host", "x", 25, SmtpSecurity.NONE, "")
                .associatedData();
        byte[] plain = SecretBinding.smtpPassword("integration:a", "host", 25, SmtpSecurity.NONE, "")
                .associatedData();
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(separators, plain));
        assertNotEquals(SAVED, SAVED.with("provider", "google"));
        assertNotEquals(SAVED.with("provider", "google").with("account", "x"),
                SAVED.with("provider", "googlex").with("account", ""));
    }

    @Test
    void canonicalFormStartsWithItsTagAndVersionAndEveryFieldIsLengthPrefixed() {
        byte[] ad = SecretBinding.smtpPassword("c", "h", 1, SmtpSecurity.NONE, "u").associatedData();
        String tag = "mailoo-secret-binding";
        assertEquals(tag.length(), ad[3]);
        assertEquals(tag, new String(ad, 4, tag.length(), StandardCharsets.US_ASCII));
        assertEquals(1, ad[4 + tag.length() + 3]);
        assertEquals('2', ad[4 + tag.length() + 4]);
        assertEquals(2, SecretBinding.VERSION);
        // tag, version, then six name/value pairs, each with a 4-byte length
        int fields = 0;
        for (int i = 0; i < ad.length; fields++) {
            int length = ((ad[i] & 0xff) << 24) | ((ad[i + 1] & 0xff) << 16) | ((ad[i + 2] & 0xff) << 8)
                    | (ad[i + 3] & 0xff);
            i += 4 + length;
            assertTrue(i <= ad.length);
        }
        assertEquals(2 + 6 * 2, fields);
    }

    @Test
    void printsNoMoreThanContextAndServer() {
        assertTrue(SAVED.toString().contains("smtp.shop.example"));
        assertTrue(SAVED.toString().contains(REF));
    }

    @Test
    void anOAuth2TokenOpensOnlyForItsProfileServerProviderAccountAndGrant() {
        SecretBinding bound = SecretBinding.oauth2Token(REF, "smtp.office365.com", 587, SmtpSecurity.STARTTLS,
                "a@shop.example", OAuth2Provider.MICROSOFT, "a@shop.example", "grant-1");
        SealedSecret sealed = cipher.seal("refresh-token", bound);
        assertEquals("refresh-token", cipher.open(sealed, bound));
        for (SecretBinding other : List.of(
                SecretBinding.oauth2Token(REF, "smtp.office365.com", 587, SmtpSecurity.STARTTLS, "a@shop.example",
                        OAuth2Provider.GOOGLE, "a@shop.example", "grant-1"),
                SecretBinding.oauth2Token(REF, "smtp.office365.com", 587, SmtpSecurity.STARTTLS, "a@shop.example",
                        OAuth2Provider.MICROSOFT, "b@shop.example", "grant-1"),
                SecretBinding.oauth2Token(REF, "smtp.office365.com", 587, SmtpSecurity.STARTTLS, "a@shop.example",
                        OAuth2Provider.MICROSOFT, "a@shop.example", "grant-2"),
                SecretBinding.oauth2Token("integration:other", "smtp.office365.com", 587, SmtpSecurity.STARTTLS,
                        "a@shop.example", OAuth2Provider.MICROSOFT, "a@shop.example", "grant-1"),
                // the same server's password binding: a refresh token is never taken for a password
                SecretBinding.smtpPassword(REF, "smtp.office365.com", 587, SmtpSecurity.STARTTLS, "a@shop.example"))) {
            assertThrows(SecretOpenException.class, () -> cipher.open(sealed, other), other.toString());
        }
    }

    @Test
    void anOAuth2LoginTravelsSealedAndPrintsNoCiphertext() {
        SealedSecret refresh = new SealedSecret("k1", "c2VjcmV0");
        SmtpServer server = new SmtpServer("smtp.gmail.com", 465, SmtpSecurity.SSL_TLS, "a@gmail.example", null,
                new OAuth2Login(OAuth2Provider.GOOGLE, "a@gmail.example", "g-1", refresh, null));
        SmtpServer back = EventCodec.decode(EventCodec.encode(server), SmtpServer.class);
        assertEquals(server, back);
        assertFalse(server.toString().contains("c2VjcmV0"), server.toString());
        // a producer that knows no OAuth2 (no "oauth2" field) still decodes, as a password login
        SmtpServer old = EventCodec.decode("{\"host\":\"h\",\"port\":25,\"security\":\"NONE\"}", SmtpServer.class);
        assertEquals(null, old.oauth2());
        // a provider this consumer does not know is UNKNOWN, not an error
        SmtpServer newer = EventCodec.decode("{\"host\":\"h\",\"port\":25,\"security\":\"NONE\",\"oauth2\":"
                + "{\"provider\":\"YAHOO\",\"account\":\"a\",\"grantId\":\"g\"}}", SmtpServer.class);
        assertEquals(OAuth2Provider.UNKNOWN, newer.oauth2().provider());
    }
}
