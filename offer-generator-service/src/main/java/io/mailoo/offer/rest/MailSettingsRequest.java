package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.offer.domain.Branding;
import io.mailoo.support.smtpprofile.SmtpSettingsSchema;

/**
 * The shape of the body of PUT …/mail-settings (and {@code mailSettings} of the test route) for the OpenAPI document;
 * the body itself is read by {@link MailSettingsJson}, strictly, because {@code smtp.password} has three states:
 * absent (keep the stored one), null (remove it), a value (new).
 */
public record MailSettingsRequest(@Schema(implementation = SmtpSettingsSchema.class) JsonNode smtp,
        String internalNotificationAddress, Branding branding) {

    @Override
    public String toString() {
        return "MailSettingsRequest[smtp=<redacted>, internalNotificationAddress=" + internalNotificationAddress + "]";
    }
}
