package io.mailoo.support.smtpprofile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.support.http.ProblemException;

/**
 * Builds the SMTP_TEST request for unsaved settings: to the caller's own address, with the settings inline and the
 * password sealed for this one test and the tested server — the new one, or the stored one opened and re-sealed,
 * which the credential rule allows only for the server it was saved for. Nothing is persisted.
 */
public final class SmtpTestRequests {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    public static final String EMAIL_CLAIM_MISSING = "EMAIL_CLAIM_MISSING";
    public static final String PASSWORD_UNREADABLE = "SMTP_PASSWORD_UNREADABLE";
    public static final String SUBJECT = "Mailoo test email";

    /**
     * Who tests which profile, and what the message says.
     *
     * @param profileRef the tested profile ({@code integration:{id}}, …), the request's key
     * @param stored     the profile's saved settings, or null
     * @param recipient  the caller's JWT {@code email} claim (may be missing: 422 EMAIL_CLAIM_MISSING)
     * @param owner      what the profile belongs to, as the message names it: {@code the integration "Shop form"}
     */
    public record Test(String profileRef, String projectUid, MailSource source, SmtpProfile stored,
            String recipient, String owner) {
    }

    private SmtpTestRequests() {
    }

    /** Checks the settings ({@link SmtpSettingsCheck}) and the recipient, then builds the request, or throws. */
    public static SendMailRequested build(Test test, SmtpSettingsInput in, SmtpSecretCipher cipher,
            boolean allowPrivateHosts) {
        PasswordChange change = SmtpSettingsCheck.check(in, test.stored(), cipher, allowPrivateHosts);
        if (test.recipient() == null || !MailAddressValidator.isValid(test.recipient())) {
            throw new ProblemException(422, EMAIL_CLAIM_MISSING,
                    "Your sign-in token carries no usable email address to send the test email to.");
        }
        UUID messageId = TimeOrderedIds.next();
        String host = in.host().strip();
        String username = SmtpProfile.blankToNull(in.username());
        SecretBinding testBinding = SecretBinding.smtpPassword(InlineProfile.associatedData(messageId), host,
                in.port(), in.security(), username);
        SealedSecret password = switch (change) {
            case NEW -> cipher.seal(in.password().get(), testBinding);
            case KEEP_STORED -> reseal(test, cipher, testBinding);
            case NONE -> null;
        };
        OAuth2Login oauth2 = test.stored() != null && test.stored().keepsOAuth2(in) == Boolean.TRUE
                ? resealGrant(test, cipher, messageId, host, in.port(), in.security(), username)
                : null;
        InlineProfile profile = new InlineProfile(
                new SmtpServer(host, in.port(), SmtpSecurity.valueOf(in.security()), username, password, oauth2),
                new Sender(in.fromAddress(), SmtpProfile.blankToNull(in.fromName())),
                SmtpProfile.blankToNull(in.replyTo()));
        Instant now = Instant.now();
        return new SendMailRequested(messageId, test.profileRef(), 0, MailPurpose.SMTP_TEST, test.projectUid(),
                test.source(), List.of(test.recipient()), List.of(), List.of(), null, SUBJECT,
                "This is a test email from Mailoo for " + test.owner() + ".\n"
                        + "If you can read it, these SMTP settings deliver mail through " + host
                        + ". Nothing was saved.\n",
                null, Map.of(), profile, now, now.plus(LIFETIME));
    }

    /**
     * The saved OAuth2 login for this test only: the refresh token opened and sealed again for {@code test:{messageId}}
     * and the tested server (the same as stored: {@link SmtpProfile#keepsOAuth2}); no access token, dispatch refreshes.
     */
    private static OAuth2Login resealGrant(Test test, SmtpSecretCipher cipher, UUID messageId, String host, int port,
            String security, String username) {
        SmtpProfile stored = test.stored();
        if (!cipher.canSeal()) {
            throw SmtpSettingsCheck.keyMissing();
        }
        SecretBinding testBinding = SecretBinding.oauth2Token(InlineProfile.associatedData(messageId), host, port,
                SmtpSecurity.valueOf(security), username, stored.oauth2Provider(), stored.oauth2Account,
                stored.oauth2GrantId);
        try {
            SealedSecret token = cipher.seal(cipher.open(stored.sealedRefreshToken(),
                    stored.oauth2Binding(test.profileRef())), testBinding);
            return new OAuth2Login(stored.oauth2Provider(), stored.oauth2Account, stored.oauth2GrantId, token, null);
        } catch (SecretOpenException e) {
            throw new ProblemException(409, PASSWORD_UNREADABLE, "The stored OAuth2 grant cannot be opened with "
                    + "the configured keys; connect the account again.");
        }
    }

    /** The stored password opened and sealed again for this test only (it never leaves the service in the clear). */
    private static SealedSecret reseal(Test test, SmtpSecretCipher cipher, SecretBinding testBinding) {
        if (!cipher.canSeal()) {
            throw SmtpSettingsCheck.keyMissing();
        }
        try {
            return cipher.seal(cipher.open(test.stored().sealedPassword(),
                    test.stored().secretBinding(test.profileRef())), testBinding);
        } catch (SecretOpenException e) {
            throw new ProblemException(409, PASSWORD_UNREADABLE, "The stored SMTP password cannot be opened with "
                    + "the configured keys; enter the password again.");
        }
    }
}
