package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Campaign;

/** A campaign as saved; {@code deactivatedReason} says why the service switched it off, if it did. */
public record CampaignView(String id, String name, String trigger, String event, String subject,
        String bodyTemplate, boolean active, DeactivatedReason deactivatedReason, Instant createdAt) {

    public record DeactivatedReason(String code, String message) {
    }

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id.toString(), c.name, c.trigger, c.event, c.subject, c.bodyTemplate, c.active,
                c.deactivatedReasonCode == null ? null
                        : new DeactivatedReason(c.deactivatedReasonCode, c.deactivatedReason),
                c.createdAt);
    }
}
