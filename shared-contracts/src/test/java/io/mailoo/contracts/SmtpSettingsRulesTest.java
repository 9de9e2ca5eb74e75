package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                Optional.of("pw"))).isEmpty());
        assertTrue(SmtpSettingsRules.validate(input("127.0.0.1", 2525, "NONE", null, null)).isEmpty());
    }

    @Test
    void everyInvalidFieldIsNamedWithACode() {
        SmtpSettingsInput bad = new SmtpSettingsInput("bad host\r\n", 70000, "TLS", "u\n", Optional.of(""),
                "not-an-address", "Name\r\nBcc: x", "also bad");
        List<String> codes = SmtpSettingsRules.validate(bad).stream().map(FieldError::code).toList();
        assertEquals(List.of("SMTP_HOST_INVALID", "SMTP_PORT_INVALID", "SMTP_SECURITY_INVALID",
                "SMTP_USERNAME_INVALID", "SMTP_PASSWORD_INVALID", "FROM_ADDRESS_INVALID", "FROM_NAME_INVALID",
                "REPLY_TO_INVALID"), codes);
        List<String> missing = SmtpSettingsRules.validate(new SmtpSettingsInput(null, null, null, null, null, null,
                null, null)).stream().map(FieldError::code).toList();
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
}
