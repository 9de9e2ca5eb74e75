package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign: ON_EVENT / SUBSCRIBER_CREATED with a subject and a body template ({name}, {email}, {fields.id}). */
@Schema(requiredProperties = { "name", "trigger", "event", "subject", "bodyTemplate" })
public record CampaignRequest(@Schema(maxLength = 100) String name, @Schema(enumeration = "ON_EVENT") String trigger,
        @Schema(enumeration = "SUBSCRIBER_CREATED") String event, @Schema(maxLength = 300) String subject,
        String bodyTemplate, @Schema(nullable = true, description = "Default true.") Boolean active) {
}
