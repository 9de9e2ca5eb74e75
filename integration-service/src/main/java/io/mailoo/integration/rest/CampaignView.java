package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.Campaign;

/** A campaign as saved; {@code deactivatedReason} says why the service switched it off, if it did. */
@Schema(requiredProperties = { "id", "name", "trigger", "event", "subject", "bodyTemplate", "active",
        "deactivatedReason", "createdAt" })
public record CampaignView(String id, String name, @Schema(enumeration = "ON_EVENT") String trigger,
        @Schema(enumeration = "SUBSCRIBER_CREATED") String event, String subject, String bodyTemplate, boolean active,
        @Schema(nullable = true) DeactivatedReason deactivatedReason, Instant createdAt) {

    @Schema(name = "CampaignDeactivatedReason", requiredProperties = { "code", "message" })
    public record DeactivatedReason(String code, @Schema(nullable = true) String message) {
    }

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id.toString(), c.name, c.trigger, c.event, c.subject, c.bodyTemplate, c.active,
                c.deactivatedReasonCode == null ? null
                        : new DeactivatedReason(c.deactivatedReasonCode, c.deactivatedReason),
                c.createdAt);
    }
}
