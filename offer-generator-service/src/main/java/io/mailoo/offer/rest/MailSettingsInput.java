package io.mailoo.offer.rest;

import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.domain.Branding;

/** A mail-settings body once read by {@link MailSettingsJson}: no unknown field, every value of its type. */
public record MailSettingsInput(SmtpSettingsInput smtp, String internalNotificationAddress, Branding branding) {

    @Override
    public String toString() {
        return "MailSettingsInput[smtp=<redacted>, internalNotificationAddress=" + internalNotificationAddress + "]";
    }
}
