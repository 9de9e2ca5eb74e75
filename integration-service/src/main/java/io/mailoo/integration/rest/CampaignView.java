package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Campaign;

/** A campaign as saved. */
public record CampaignView(String id, String name, String trigger, String event, String subject,
        String bodyTemplate, boolean active, Instant createdAt) {

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id.toString(), c.name, c.trigger, c.event, c.subject, c.bodyTemplate, c.active,
                c.createdAt);
    }
}
