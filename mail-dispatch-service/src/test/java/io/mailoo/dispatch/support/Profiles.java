package io.mailoo.dispatch.support;

import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.TestSecrets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;

/** Builders for the events the tests publish, sealed with the same key the service under test has. */
public final class Profiles {

    public static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY,
            null);

    private Profiles() {
    }

    public static String newRef() {
        return "integration:" + UUID.randomUUID();
    }

    public static SealedSecret seal(String password, SecretBinding binding) {
        TestSecrets.remember(password);
        SealedSecret sealed = CIPHER.seal(password, binding);
        TestSecrets.remember(sealed.ciphertext());
        return sealed;
    }

    public static MailProfileChanged profile(String ref, long version, int port, SmtpSecurity security,
            String username, String password, String fromAddress, String fromName, String replyTo) {
        SealedSecret sealed = password == null ? null
                : seal(password, SecretBinding.smtpPassword(ref, "127.0.0.1", port, security, username));
        return new MailProfileChanged(ref, "project-test", version,
                new SmtpServer("127.0.0.1", port, security, username, sealed), new Sender(fromAddress, fromName),
                replyTo, new ProfileLimits(4, 6000));
    }

    /**
     * An OAuth2 (GENERIC provider) profile for {@code account} at 127.0.0.1:{@code port} as a connect publishes it:
     * the grant's refresh token sealed for the profile, the server, the provider, the account and the grant.
     */
    public static MailProfileChanged oauthProfile(String ref, long version, int port, String account, String grantId,
            String refreshToken, ProfileLimits limits) {
        SealedSecret sealed = refreshToken == null ? null : seal(refreshToken, SecretBinding.oauth2Token(ref,
                "127.0.0.1", port, SmtpSecurity.NONE, account, OAuth2Provider.GENERIC, account, grantId));
        return new MailProfileChanged(ref, "project-test", version,
                new SmtpServer("127.0.0.1", port, SmtpSecurity.NONE, account, null,
                        new OAuth2Login(OAuth2Provider.GENERIC, account, grantId, sealed, null)),
                new Sender(account, "OAuth Shop"), null, limits);
    }

    public static SendMailRequested request(String ref, long minVersion, MailPurpose purpose, String to,
            String subject) {
        Instant now = Instant.now();
        return new SendMailRequested(UUID.randomUUID(), ref, minVersion, purpose, "project-test",
                new MailSource("dispatch-test", "TestMail", UUID.randomUUID().toString()), List.of(to), null, null,
                null, subject, "Plain body of " + subject, "<p>HTML body of " + subject + "</p>", Map.of(), null, now,
                now.plusSeconds(3600));
    }

    public static SendMailRequested withExpiry(SendMailRequested r, Instant expiresAt) {
        return new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(), r.purpose(),
                r.projectUid(), r.source(), r.to(), r.cc(), r.bcc(), r.replyTo(), r.subject(), r.text(), r.html(),
                r.headers(), r.inlineProfile(), r.requestedAt(), expiresAt);
    }

    public static SendMailRequested withSubject(SendMailRequested r, String subject, List<String> to) {
        return new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(), r.purpose(),
                r.projectUid(), r.source(), to, r.cc(), r.bcc(), r.replyTo(), subject, r.text(), r.html(),
                r.headers(), r.inlineProfile(), r.requestedAt(), r.expiresAt());
    }

    /** An SMTP_TEST request carrying unsaved settings, sealed for test:{messageId}. */
    public static SendMailRequested smtpTest(int port, String username, String password, String to,
            Instant requestedAt, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        SealedSecret sealed = password == null ? null : seal(password, SecretBinding.smtpPassword(
                InlineProfile.associatedData(id), "127.0.0.1", port, SmtpSecurity.NONE, username));
        InlineProfile inline = new InlineProfile(new SmtpServer("127.0.0.1", port, SmtpSecurity.NONE, username,
                sealed), new Sender("tester@tenant.test", "Tenant Test"), null);
        return new SendMailRequested(id, newRef(), 0, MailPurpose.SMTP_TEST, "project-test",
                new MailSource("dispatch-test", "SmtpTest", id.toString()), List.of(to), null, null, null,
                "Mailoo SMTP test", "This is a test", null, Map.of(), inline, requestedAt, expiresAt);
    }
}
