package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.support.smtpprofile.SmtpSettingsSchema;

/**
 * The shape of the PATCH …/config body for the OpenAPI document; the body is read by service-support's
 * SmtpSettingsJson because {@code outboundMail} has three states: absent, null, settings.
 */
@Schema(name = "IntegrationConfigChange")
public record OutboundMailChange(@Schema(nullable = true, description = "Absent: nothing changes (the integration is "
        + "answered); null: remove the whole profile; settings: save them.") SmtpSettingsSchema outboundMail) {
}
