package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.contracts.smtp.StoredSmtpServer;

class SmtpSettingsRulesTest {

    private static final StoredSmtpServer STORED = new StoredSmtpServer("smtp.example.com", 587, "STARTTLS", "shop",
            true);

    private static SmtpSettingsInput input(String host, Integer port, String security, String username,
            Optional<String> password) {
        return new SmtpSettingsInput(host, port, security, username, password, "shop@example.com", "Shop", null);
    }

    @Test
    void validSettingsHaveNoErrors() {
        assertTrue(SmtpSettingsRules.validate(input("smtp.example.com", 587, "STARTTLS", "shop",
                Optional.of("pw")), false).isEmpty());
        assertTrue(SmtpSettingsRules.validate(input("127.0.0.1", 2525, "NONE", null, null), false).isEmpty());
    }

    @Test
    void everyInvalidFieldIsNamedWithACode() {
        SmtpSettingsInput bad = new SmtpSettingsInput("bad host\r\n", 70000, "TLS", "u\n", Optional.of(""),
                "not-an-address", "Name\r\nBcc: x", "also bad");
        List<String> codes = SmtpSettingsRules.validate(bad, true).stream().map(FieldError::code).toList();
        assertEquals(List.of("SMTP_HOST_INVALID", "SMTP_PORT_INVALID", "SMTP_SECURITY_INVALID",
                "SMTP_USERNAME_INVALID", "SMTP_PASSWORD_INVALID", "FROM_ADDRESS_INVALID", "FROM_NAME_INVALID",
                "REPLY_TO_INVALID"), codes);
        List<String> missing = SmtpSettingsRules.validate(new SmtpSettingsInput(null, null, null, null, null, null,
                null, null), false).stream().map(FieldError::code).toList();
        assertEquals(List.of("SMTP_HOST_REQUIRED", "SMTP_PORT_INVALID", "SMTP_SECURITY_INVALID",
                "FROM_ADDRESS_REQUIRED"), missing);
    }

    @Test
    void absentPasswordKeepsTheStoredOneOnlyForTheSameServer() {
        assertEquals(PasswordChange.KEEP_STORED,
                SmtpSettingsRules.passwordChange(STORED, input("SMTP.example.com", 587, "STARTTLS", "shop", null)));
        assertNull(SmtpSettingsRules.passwordChange(STORED, input("evil.example.net", 587, "STARTTLS", "shop", null)));
        assertNull(SmtpSettingsRules.passwordChange(STORED, input("smtp.example.com", 25, "STARTTLS", "shop", null)));
        assertNull(SmtpSettingsRules.passwordChange(STORED, input("smtp.example.com", 587, "NONE", "shop", null)));
        assertNull(SmtpSettingsRules.passwordChange(STORED, input("smtp.example.com", 587, "STARTTLS", "other", null)));
        assertEquals("SMTP_PASSWORD_REQUIRED", SmtpSettingsRules.passwordRequired().code());
    }

    @Test
    void givenNullOrNoStoredPassword() {
        assertEquals(PasswordChange.NEW, SmtpSettingsRules.passwordChange(STORED,
                input("evil.example.net", 587, "STARTTLS", "shop", Optional.of("new"))));
        assertEquals(PasswordChange.NONE, SmtpSettingsRules.passwordChange(STORED,
                input("smtp.example.com", 587, "STARTTLS", "shop", Optional.empty())));
        assertEquals(PasswordChange.NONE, SmtpSettingsRules.passwordChange(null,
                input("smtp.example.com", 587, "STARTTLS", "shop", null)));
        assertEquals(PasswordChange.NONE, SmtpSettingsRules.passwordChange(
                new StoredSmtpServer("smtp.example.com", 587, "STARTTLS", "shop", false),
                input("other.example.com", 587, "STARTTLS", "shop", null)));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertTrue(!input("h.example.com", 25, "NONE", null, Optional.of("hunter2")).toString().contains("hunter2"));
    }

    @Test
    void aLoginWithoutTlsIsRefusedWherePrivateHostsAreNotAllowed() {
        for (SmtpSettingsInput cleartext : List.of(
                input("smtp.example.com", 25, "NONE", "shop", Optional.of("pw")),
                input("smtp.example.com", 25, "NONE", "shop", null),
                input("smtp.example.com", 25, "NONE", null, Optional.of("pw")))) {
            List<FieldError> errors = SmtpSettingsRules.validate(cleartext, false);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("security", errors.get(0).field());
            assertEquals(SmtpSettingsRules.CLEARTEXT_LOGIN_REFUSED, errors.get(0).code());
            assertTrue(errors.get(0).message().contains("STARTTLS"));
            assertTrue(SmtpSettingsRules.validate(cleartext, true).isEmpty(), "dev and test allow it");
        }
        assertTrue(SmtpSettingsRules.validate(input("smtp.example.com", 25, "NONE", " ", Optional.empty()), false)
                .isEmpty(), "no login at all is fine without TLS");
        assertTrue(SmtpSettingsRules.validate(input("smtp.example.com", 465, "SSL_TLS", "shop", Optional.of("pw")),
                false).isEmpty());
        assertTrue(SmtpSettingsRules.refusesCleartextLogin("NONE", null, true, false));
        assertFalse(SmtpSettingsRules.refusesCleartextLogin("STARTTLS", "u", true, false));
        assertFalse(SmtpSettingsRules.refusesCleartextLogin("NONE", "u", true, true));
    }
}
