package io.mailoo.integration.service;

import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.support.http.ProblemException;

/** The checks save and test share, in the order the user should hear about them: fields, password rule, key. */
public final class SmtpInputs {

    public static final String ENCRYPTION_KEY_MISSING = "ENCRYPTION_KEY_MISSING";

    private SmtpInputs() {
    }

    /**
     * Validates the input against what is stored and says what happens to the password.
     *
     * @param allowPrivateHosts MAIL_SMTP_ALLOW_PRIVATE_HOSTS: false refuses a login without TLS
     */
    public static PasswordChange check(SmtpSettingsInput input, OutboundMail stored, SmtpSecretCipher cipher,
            boolean allowPrivateHosts) {
        InputRules.check().addAll(SmtpSettingsRules.validate(input, allowPrivateHosts)).orFail();
        PasswordChange change = SmtpSettingsRules.passwordChange(stored == null ? null : stored.storedServer(), input);
        if (change == null) {
            throw ProblemException.invalid(java.util.List.of(SmtpSettingsRules.passwordRequired()));
        }
        if (change == PasswordChange.NEW && !cipher.canSeal()) {
            throw keyMissing();
        }
        return change;
    }

    public static ProblemException keyMissing() {
        return new ProblemException(503, ENCRYPTION_KEY_MISSING, EncryptionKeyMissingException.MESSAGE);
    }
}
