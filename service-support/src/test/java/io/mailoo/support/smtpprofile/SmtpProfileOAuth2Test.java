package io.mailoo.support.smtpprofile;

import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.CIPHER;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.crypto.LegacySecretResealing;
import io.mailoo.support.crypto.LegacySecretResealing.LegacyRow;
import io.smallrye.mutiny.Uni;

class SmtpProfileOAuth2Test {

    static final String REFRESH = "refresh-token-0b9e4c";
    static final String ACCOUNT = "owner@contoso.test";

    static SmtpSettingsInput settings(String fromAddress) {
        return new SmtpSettingsInput("smtp.office365.com", 587, "STARTTLS", null, null, fromAddress, "Shop", null,
                "MICROSOFT_365", new ProfileLimits(2, null, null));
    }

    static SmtpProfile connected() {
        SmtpProfile p = new SmtpProfile();
        p.connectOAuth2(settings(null), OAuth2Provider.MICROSOFT, ACCOUNT, "grant-1", REFRESH, CIPHER, REF);
        return p;
    }

    /** The same server as connected, as the panel would save it again. */
    static SmtpSettingsInput sameServer(Optional<String> password) {
        return new SmtpSettingsInput("smtp.office365.com", 587, "STARTTLS", ACCOUNT, password, ACCOUNT, "Shop 2", null,
                "MICROSOFT_365", null);
    }

    @Test
    void aConnectMakesTheAccountTheUsernameAndSenderAndSealsTheRefreshTokenForProfileServerAndGrant() {
        SmtpProfile p = connected();
        assertEquals(ACCOUNT, p.username);
        assertEquals(ACCOUNT, p.fromAddress, "an empty fromAddress is the account");
        assertEquals("OAUTH2", p.login());
        assertFalse(p.hasPassword());
        assertNotNull(p.oauth2ConnectedAt);
        assertEquals(REFRESH, CIPHER.open(p.sealedRefreshToken(), SecretBinding.oauth2Token(REF, "smtp.office365.com",
                587, io.mailoo.contracts.events.SmtpSecurity.STARTTLS, ACCOUNT, OAuth2Provider.MICROSOFT, ACCOUNT,
                "grant-1")));
        assertFalse(p.oauth2RefreshCiphertext.contains(REFRESH));
        for (SecretBinding other : List.of(p.secretBinding(REF), SecretBinding.oauth2Token("integration:other",
                "smtp.office365.com", 587, io.mailoo.contracts.events.SmtpSecurity.STARTTLS, ACCOUNT,
                OAuth2Provider.MICROSOFT, ACCOUNT, "grant-1"))) {
            assertThrows(SecretOpenException.class, () -> CIPHER.open(p.sealedRefreshToken(), other));
        }
        SmtpSettingsInput withSender = settings("shop@contoso.test");
        SmtpProfile q = new SmtpProfile();
        q.connectOAuth2(withSender, OAuth2Provider.MICROSOFT, ACCOUNT, "grant-2", REFRESH, CIPHER, REF);
        assertEquals("shop@contoso.test", q.fromAddress, "a given sender is kept");
    }

    @Test
    void theEventCarriesTheGrantSealedNoAccessTokenAndTheEffectiveLimits() {
        SmtpProfile p = connected();
        MailProfileChanged event = p.changedEvent(REF, "project-1", 3);
        String json = new String(EventCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(json.contains(REFRESH), json);
        MailProfileChanged back = EventCodec.decode(json, MailProfileChanged.class);
        assertNull(back.smtp().password());
        assertNull(back.smtp().oauth2().accessToken());
        assertEquals("grant-1", back.smtp().oauth2().grantId());
        assertEquals(REFRESH, CIPHER.open(back.smtp().oauth2().refreshToken(), SecretBinding.oauth2Token(REF,
                back.smtp())), "dispatch opens it with the binding it recomputes from the event");
        assertEquals(new ProfileLimits(2, 30, 10_000), back.limits(), "own maxConnections, the preset's others");
    }

    @Test
    void aSaveKeepsTheGrantOnlyForTheSameServerWithoutPasswordAndAPasswordReplacesIt() {
        SmtpProfile p = connected();
        String ciphertext = p.oauth2RefreshCiphertext;
        p.reconnectRequiredAt = Instant.now();
        assertEquals(Boolean.TRUE, p.keepsOAuth2(sameServer(null)));
        assertEquals(List.of("fromName", "limits"), SmtpProfile.changedFields(p, sameServer(null),
                PasswordChange.NONE));
        p.apply(sameServer(null), PasswordChange.NONE, CIPHER, REF);
        assertEquals("OAUTH2", p.login());
        assertEquals(ciphertext, p.oauth2RefreshCiphertext);
        assertNotNull(p.reconnectRequiredAt, "only a connect lifts reconnect required");

        SmtpProfile other = connected();
        SmtpSettingsInput otherHost = new SmtpSettingsInput("smtp.attacker.test", 587, "STARTTLS", ACCOUNT, null,
                ACCOUNT, null, null);
        assertTrue(SmtpProfile.changedFields(other, otherHost, PasswordChange.NONE).contains("oauth2"));
        other.apply(otherHost, PasswordChange.NONE, CIPHER, REF);
        assertEquals("NONE", other.login(), "the grant never goes to another server");
        assertNull(other.changedEvent(REF, "p", 1).smtp().oauth2());

        SmtpProfile replaced = connected();
        replaced.apply(sameServer(Optional.of("app-password")), PasswordChange.NEW, CIPHER, REF);
        assertEquals("PASSWORD", replaced.login());
        assertNull(replaced.oauth2GrantId);
        assertNull(replaced.changedEvent(REF, "p", 1).smtp().oauth2(), "never both");

        // a password saved by an instance that knows no OAuth2 (rolling update) wins over the stale grant
        SmtpProfile older = connected();
        older.sealedPassword(CIPHER.seal("pw", older.secretBinding(REF)));
        assertEquals("PASSWORD", older.login());
        assertNull(older.changedEvent(REF, "p", 1).smtp().oauth2(), "never both");

        SmtpProfile removed = connected();
        removed.apply(sameServer(Optional.empty()), PasswordChange.NONE, CIPHER, REF);
        assertEquals("NONE", removed.login(), "password null removes any login");
    }

    @Test
    void theViewShowsTheAccountNeverTheTokenAndReconnectRequired() {
        SmtpProfile p = connected();
        p.reconnectRequiredAt = Instant.parse("2026-12-05T09:00:00Z");
        SmtpProfileView view = SmtpProfileView.of(p, 4);
        assertEquals("OAUTH2", view.login());
        assertEquals(ACCOUNT, view.oauth2().account());
        assertEquals("MICROSOFT", view.oauth2().provider());
        assertEquals("OAUTH_RECONNECT_REQUIRED", view.reconnectRequired().code());
        assertEquals("MICROSOFT_365", view.provider());
        assertEquals(new SmtpLimitsView(2, 30, 10_000), view.limits());
        assertFalse(view.toString().contains(REFRESH));
        assertFalse(view.hasSmtpPassword());
        p.disconnectOAuth2();
        SmtpProfileView after = SmtpProfileView.of(p, 5);
        assertEquals("NONE", after.login());
        assertNull(after.oauth2());
        assertNull(after.reconnectRequired());
    }

    @Test
    void aTestOfTheSavedGrantCarriesItResealedForTheTestOnly() {
        SmtpProfile p = connected();
        SmtpTestRequests.Test test = new SmtpTestRequests.Test(REF, "project-1",
                new MailSource("integration-service", "smtp-test", "i"), p, "owner@shop.test", "the integration");
        SendMailRequested request = SmtpTestRequests.build(test, sameServer(null), CIPHER, false);
        var login = request.inlineProfile().smtp().oauth2();
        assertNotNull(login);
        assertNull(login.accessToken());
        assertNull(request.inlineProfile().smtp().password());
        assertEquals(REFRESH, CIPHER.open(login.refreshToken(), SecretBinding.oauth2Token(
                InlineProfile.associatedData(request.messageId()), request.inlineProfile().smtp())));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(login.refreshToken(), p.oauth2Binding(REF)),
                "the test's copy does not open as the profile's");
        // another server: no grant goes with the test
        SendMailRequested elsewhere = SmtpTestRequests.build(test, new SmtpSettingsInput("smtp.other.test", 587,
                "STARTTLS", ACCOUNT, null, ACCOUNT, null, null), CIPHER, false);
        assertNull(elsewhere.inlineProfile().smtp().oauth2());
    }

    /** AES-GCM with the profileRef alone as associated data and CIPHER's key (32 zero bytes). */
    static io.mailoo.contracts.crypto.SealedSecret legacySealed(String secret, String profileRef) throws Exception {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        new java.security.SecureRandom().nextBytes(nonce);
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        aes.updateAAD(profileRef.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] body = aes.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] raw = new byte[nonce.length + body.length];
        System.arraycopy(nonce, 0, raw, 0, nonce.length);
        System.arraycopy(body, 0, raw, nonce.length, body.length);
        return new io.mailoo.contracts.crypto.SealedSecret(io.mailoo.contracts.crypto.SmtpSecretCipher.keyId(key),
                java.util.Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void theStartupResealCoversTheRefreshToken() throws Exception {
        SmtpProfile p = connected();
        // sealed the legacy way (the profileRef alone), as a row marked 1 would be
        p.sealedRefreshToken(legacySealed(REFRESH, REF));
        p.oauth2BindingVersion = 1;
        int[] published = { 0 };
        List<LegacyRow> rows = SmtpProfileReseal.rows(REF, p, () -> {
            published[0]++;
            return Uni.createFrom().voidItem();
        });
        assertEquals(1, rows.size());
        int resealed = LegacySecretResealing.resealAll(CIPHER, List.of(p), x -> Uni.createFrom().item(rows))
                .await().indefinitely();
        assertEquals(1, resealed);
        assertEquals(1, published[0]);
        assertEquals(SecretBinding.VERSION, p.oauth2BindingVersion);
        assertEquals(REFRESH, CIPHER.open(p.sealedRefreshToken(), p.oauth2Binding(REF)));
        assertNotEquals(0, p.oauth2RefreshCiphertext.length());
        assertEquals(List.of(), SmtpProfileReseal.rows(REF, p, () -> Uni.createFrom().voidItem()));
    }
}
