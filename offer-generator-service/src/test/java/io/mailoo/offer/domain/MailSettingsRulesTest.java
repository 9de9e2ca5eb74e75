package io.mailoo.offer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.smtp.FieldError;

class MailSettingsRulesTest {

    private static List<String> fields(String internal, Branding branding) {
        return MailSettingsRules.validate(internal, branding).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAFullSetting() {
        assertTrue(fields("sales@sunny.test",
                new Branding("Sunny", "https://cdn.sunny.test/l.png", "#A1b2C3", "Line 1\nLine 2")).isEmpty());
    }

    @Test
    void brandingAndInternalAddressAreChecked() {
        assertEquals(List.of("internalNotificationAddress", "branding.companyName", "branding.logoUrl",
                "branding.primaryColor"), fields("Sales <sales@sunny.test>",
                        new Branding("Sunny\r\nBcc: x@y.test", "javascript:alert(1)", "#abc", null)));
        assertEquals(List.of("branding.primaryColor"), fields(null, new Branding(null, null, "#12345g", null)));
        assertEquals(List.of("branding.logoUrl"), fields(null, new Branding(null, "/logo.png", null, null)));
    }
}
