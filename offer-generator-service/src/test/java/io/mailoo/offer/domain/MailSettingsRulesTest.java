package io.mailoo.offer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;

class MailSettingsRulesTest {

    private static final SmtpSettingsInput SMTP = new SmtpSettingsInput("smtp.sunny.test", 587, "STARTTLS", "offers",
            Optional.of("pw"), "offers@sunny.test", "Sunny", null);

    private static List<String> fields(SmtpSettingsInput smtp, String internal, Branding branding) {
        return MailSettingsRules.validate(smtp, internal, branding, true).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAFullSetting() {
        assertTrue(fields(SMTP, "sales@sunny.test",
                new Branding("Sunny", "https://cdn.sunny.test/l.png", "#A1b2C3", "Line 1\nLine 2")).isEmpty());
    }

    @Test
    void smtpFieldsAreCheckedByTheSharedRulesUnderSmtp() {
        SmtpSettingsInput bad = new SmtpSettingsInput("", 0, "TLS", null, null, "nope", null, null);
        assertEquals(List.of("smtp.host", "smtp.port", "smtp.security", "smtp.fromAddress"), fields(bad, null, null));
        assertEquals(List.of("smtp"), fields(null, null, null));
    }

    @Test
    void brandingAndInternalAddressAreChecked() {
        assertEquals(List.of("internalNotificationAddress", "branding.companyName", "branding.logoUrl",
                "branding.primaryColor"), fields(SMTP, "Sales <sales@sunny.test>",
                        new Branding("Sunny\r\nBcc: x@y.test", "javascript:alert(1)", "#abc", null)));
        assertEquals(List.of("branding.primaryColor"),
                fields(SMTP, null, new Branding(null, null, "#12345g", null)));
        assertEquals(List.of("branding.logoUrl"), fields(SMTP, null, new Branding(null, "/logo.png", null, null)));
    }
}
