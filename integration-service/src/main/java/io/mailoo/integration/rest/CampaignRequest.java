package io.mailoo.integration.rest;

/** A campaign: ON_EVENT / SUBSCRIBER_CREATED with a subject and a body template ({name}, {email}, {fields.id}). */
public record CampaignRequest(String name, String trigger, String event, String subject, String bodyTemplate,
        Boolean active) {
}
