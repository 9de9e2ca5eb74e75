package io.mailoo.offer.rest;

/** Body of POST …/mail-settings/test: the unsaved settings to try. */
public record MailSettingsTestRequest(MailSettingsRequest mailSettings) {
}
