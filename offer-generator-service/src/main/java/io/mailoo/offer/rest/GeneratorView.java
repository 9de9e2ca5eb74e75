package io.mailoo.offer.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Wizard;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.service.WizardJson;

@Schema(requiredProperties = { "id", "projectUid", "name", "currency", "basePriceMinor", "marketIntegrationId",
        "wizard", "createdAt" })
public record GeneratorView(UUID id, String projectUid, String name, String currency, long basePriceMinor,
        @Schema(nullable = true) String marketIntegrationId, Wizard wizard, Instant createdAt) {

    public static GeneratorView of(OfferGenerator g) {
        return new GeneratorView(g.id, g.projectUid, g.name, g.currency, g.basePriceMinor, g.marketIntegrationId,
                WizardJson.read(g.wizard), g.createdAt);
    }
}
