package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.support.smtpprofile.SmtpSettingsSchema;

/** The shape of the test route's body for the OpenAPI document (read by service-support's SmtpSettingsJson). */
@Schema(name = "OutboundMailTestRequest", requiredProperties = "outboundMail")
public record OutboundMailTest(@Schema(description = "The settings to test, unsaved; absent or null is 422 "
        + "SMTP_SETTINGS_REQUIRED.") SmtpSettingsSchema outboundMail) {
}
