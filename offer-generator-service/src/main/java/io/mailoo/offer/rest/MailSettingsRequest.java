package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Branding;
import io.mailoo.support.smtpprofile.SmtpSettingsSchema;

/**
 * The shape of the body of PUT …/mail-settings (and {@code mailSettings} of the test route) for the OpenAPI document;
 * the body itself is read by {@link MailSettingsJson}, strictly, because {@code smtp.password} has three states:
 * absent (keep the stored one), null (remove it), a value (new).
 */
@Schema(name = "MailSettingsInput", requiredProperties = "smtp")
public record MailSettingsRequest(@Schema(description = "The generator's own SMTP settings; absent or null is 422 "
        + "SMTP_SETTINGS_REQUIRED.") SmtpSettingsSchema smtp,
        @Schema(nullable = true, description = "Where a copy of each offer goes; absent or null: none.")
        String internalNotificationAddress, @Schema(nullable = true) Branding branding) {

    @Override
    public String toString() {
        return "MailSettingsRequest[smtp=<redacted>, internalNotificationAddress=" + internalNotificationAddress + "]";
    }
}
