package io.mailoo.offer.rest;

/** The shape of POST …/mail-settings/test's body (OpenAPI only; read by {@link MailSettingsJson}). */
public record MailSettingsTestRequest(MailSettingsRequest mailSettings) {
}
