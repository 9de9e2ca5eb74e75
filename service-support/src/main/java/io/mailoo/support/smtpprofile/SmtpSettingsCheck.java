package io.mailoo.support.smtpprofile;

import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.support.http.ProblemException;

/**
 * The checks a save and a test share, in the order the user should hear about them: the fields (422, with any
 * other field errors of the body), the credential rule (a stored password is only used for the server it was
 * saved for: 422 SMTP_PASSWORD_REQUIRED otherwise), then the key a new password needs (503 ENCRYPTION_KEY_MISSING;
 * a test that re-seals the stored one checks it in {@link SmtpTestRequests}).
 */
public final class SmtpSettingsCheck {

    public static final String ENCRYPTION_KEY_MISSING = "ENCRYPTION_KEY_MISSING";

    private SmtpSettingsCheck() {
    }

    /** @see #check(SmtpSettingsInput, SmtpProfile, SmtpSecretCipher, boolean, List) */
    public static PasswordChange check(SmtpSettingsInput input, SmtpProfile stored, SmtpSecretCipher cipher,
            boolean allowPrivateHosts) {
        return check(input, stored, cipher, allowPrivateHosts, List.of());
    }

    /**
     * Says what happens to the password, or throws the problem to answer.
     *
     * @param stored            what is saved now, or null
     * @param allowPrivateHosts MAIL_SMTP_ALLOW_PRIVATE_HOSTS: false refuses a login without TLS
     * @param otherErrors       errors of the body's other fields, answered together with the settings' own
     */
    public static PasswordChange check(SmtpSettingsInput input, SmtpProfile stored, SmtpSecretCipher cipher,
            boolean allowPrivateHosts, List<FieldError> otherErrors) {
        List<FieldError> errors = new ArrayList<>(SmtpSettingsRules.validate(input, allowPrivateHosts));
        errors.addAll(SmtpProviderPresets.validate(input.provider(), input.limits()));
        errors.addAll(otherErrors);
        StrictJson.throwIfAny(errors);
        PasswordChange change = passwordChange(stored, input);
        if (change == null) {
            throw ProblemException.invalid(List.of(SmtpSettingsRules.passwordRequired()));
        }
        if (change == PasswordChange.NEW && !cipher.canSeal()) {
            throw keyMissing();
        }
        return change;
    }

    /** The credential rule alone (null = the server changed and no password came); for the audit of a refused test. */
    public static PasswordChange passwordChange(SmtpProfile stored, SmtpSettingsInput input) {
        return SmtpSettingsRules.passwordChange(stored == null ? null : stored.storedServer(), input);
    }

    public static ProblemException keyMissing() {
        return new ProblemException(503, ENCRYPTION_KEY_MISSING, EncryptionKeyMissingException.MESSAGE);
    }
}
