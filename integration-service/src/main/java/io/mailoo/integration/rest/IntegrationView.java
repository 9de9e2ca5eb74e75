package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.service.IntegrationDetails;

/** An integration with its config; {@code config.outboundMail} is null when none is configured. */
public record IntegrationView(String id, String projectUid, String type, String name, String publicKey,
        boolean active, Config config, Instant createdAt) {

    /** The integration's settings. */
    public record Config(OutboundMailView outboundMail) {
    }

    public static IntegrationView of(IntegrationDetails details) {
        Integration i = details.integration();
        return new IntegrationView(i.id.toString(), i.projectId.toString(), i.type.name(), i.name, i.publicKey,
                i.active, new Config(OutboundMailView.of(details.outboundMail(), i.mailProfileVersion)), i.createdAt);
    }
}
