package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsChanges;
import io.mailoo.contracts.smtp.SmtpSettingsInput;

class SmtpSettingsChangesTest {

    private static final SmtpSettingsInput STORED = new SmtpSettingsInput("smtp.example.com", 587, "STARTTLS", "u",
            null, "shop@example.com", "Shop", null);

    @Test
    void namesOnlyTheFieldsThatChanged() {
        SmtpSettingsInput after = new SmtpSettingsInput("SMTP.example.com", 465, "SSL_TLS", "u", Optional.of("s3cret"),
                "shop@example.com", "Shop", "");
        assertEquals(List.of("port", "security", "password"),
                SmtpSettingsChanges.between(STORED, true, after, PasswordChange.NEW));
    }

    @Test
    void keepingTheStoredPasswordIsNoChangeAndRemovingItIs() {
        SmtpSettingsInput same = new SmtpSettingsInput("smtp.example.com", 587, "STARTTLS", "u", null,
                "shop@example.com", "Shop", null);
        assertEquals(List.of(), SmtpSettingsChanges.between(STORED, true, same, PasswordChange.KEEP_STORED));
        assertEquals(List.of("password"), SmtpSettingsChanges.between(STORED, true, same, PasswordChange.NONE));
    }

    @Test
    void aFirstSaveNamesEveryGivenField() {
        assertEquals(List.of("host", "port", "security", "username", "fromAddress", "fromName"),
                SmtpSettingsChanges.between(null, false, STORED, PasswordChange.NONE));
    }

    @Test
    void neverCarriesAValue() {
        SmtpSettingsInput after = new SmtpSettingsInput("smtp.example.com", 587, "STARTTLS", "u",
                Optional.of("hunter2"), "shop@example.com", "Shop", null);
        assertEquals("[password]", SmtpSettingsChanges.between(STORED, true, after, PasswordChange.NEW).toString());
    }
}
