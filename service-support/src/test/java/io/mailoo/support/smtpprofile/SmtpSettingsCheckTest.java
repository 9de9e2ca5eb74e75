package io.mailoo.support.smtpprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.http.ProblemException;

class SmtpSettingsCheckTest {

    static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(
            Base64.getEncoder().encodeToString(new byte[32]), null);
    static final SmtpSecretCipher NO_KEY = SmtpSecretCipher.fromBase64Keys(null, null);
    static final String REF = "integration:7d1e0c52-0000-7000-8000-000000000001";

    static SmtpSettingsInput input(String host, int port, String username, Optional<String> password) {
        return new SmtpSettingsInput(host, port, "STARTTLS", username, password, "shop@shop.test", "Shop", null);
    }

    static SmtpProfile stored(String password) {
        SmtpProfile p = new SmtpProfile();
        p.apply(input("smtp.shop.test", 587, "shop", Optional.ofNullable(password)),
                password == null ? PasswordChange.NONE : PasswordChange.NEW, CIPHER, REF);
        return p;
    }

    @Test
    void theStoredPasswordIsKeptOnlyForItsOwnServer() {
        SmtpProfile stored = stored("s3cret");
        assertEquals(PasswordChange.KEEP_STORED,
                SmtpSettingsCheck.check(input("SMTP.shop.test", 587, "shop", null), stored, CIPHER, false));
        for (SmtpSettingsInput moved : List.of(input("smtp.attacker.test", 587, "shop", null),
                input("smtp.shop.test", 2525, "shop", null), input("smtp.shop.test", 587, "other", null),
                input("smtp.shop.test", 587, null, null))) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> SmtpSettingsCheck.check(moved, stored, CIPHER, false));
            assertEquals(422, e.status());
            assertEquals(List.of("password"), e.errors().stream().map(FieldError::field).toList());
            assertEquals("SMTP_PASSWORD_REQUIRED", e.errors().get(0).code());
        }
        assertEquals(PasswordChange.NEW, SmtpSettingsCheck.check(input("smtp.attacker.test", 587, "shop",
                Optional.of("new")), stored, CIPHER, false));
        assertEquals(PasswordChange.NONE, SmtpSettingsCheck.check(input("smtp.attacker.test", 587, "shop",
                Optional.empty()), stored, CIPHER, false));
        assertEquals(PasswordChange.NONE, SmtpSettingsCheck.check(input("smtp.other.test", 587, "shop", null),
                stored(null), CIPHER, false), "nothing stored, nothing to keep");
    }

    @Test
    void fieldErrorsComeFirstTogetherWithTheBodysOtherErrors() {
        FieldError other = new FieldError("branding.logoUrl", "BRANDING_LOGO_URL_INVALID", "bad");
        ProblemException e = assertThrows(ProblemException.class, () -> SmtpSettingsCheck.check(
                input("", 0, "shop", null), stored("s3cret"), NO_KEY, false, List.of(other)));
        assertEquals(List.of("host", "port", "branding.logoUrl"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aNewPasswordNeedsTheKeyAKeptOneDoesNot() {
        ProblemException e = assertThrows(ProblemException.class, () -> SmtpSettingsCheck.check(
                input("smtp.shop.test", 587, "shop", Optional.of("new")), null, NO_KEY, false));
        assertEquals(503, e.status());
        assertEquals("ENCRYPTION_KEY_MISSING", e.code());
        assertEquals(PasswordChange.KEEP_STORED, SmtpSettingsCheck.check(
                input("smtp.shop.test", 587, "shop", null), stored("s3cret"), NO_KEY, false));
    }

    @Test
    void aLoginWithoutTlsIsRefusedWherePrivateHostsAreNotAllowed() {
        SmtpSettingsInput cleartext = new SmtpSettingsInput("smtp.shop.test", 25, "NONE", "shop",
                Optional.of("pw"), "shop@shop.test", null, null);
        ProblemException e = assertThrows(ProblemException.class,
                () -> SmtpSettingsCheck.check(cleartext, null, CIPHER, false));
        assertEquals("SMTP_CLEARTEXT_LOGIN_REFUSED", e.errors().get(0).code());
        assertEquals(PasswordChange.NEW, SmtpSettingsCheck.check(cleartext, null, CIPHER, true));
    }
}
