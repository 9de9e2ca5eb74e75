package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of POST …/mail-settings/test's body (OpenAPI only; read by {@link MailSettingsJson}). */
@Schema(requiredProperties = "mailSettings")
public record MailSettingsTestRequest(@Schema(description = "The settings to test, unsaved (only smtp is used); "
        + "absent or null is 422 SMTP_SETTINGS_REQUIRED.") MailSettingsRequest mailSettings) {
}
