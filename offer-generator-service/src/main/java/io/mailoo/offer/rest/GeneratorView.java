package io.mailoo.offer.rest;

import java.time.Instant;
import java.util.UUID;

import io.mailoo.offer.domain.Wizard;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.service.WizardJson;

public record GeneratorView(UUID id, String projectUid, String name, String currency, long basePriceMinor,
        String marketIntegrationId, Wizard wizard, Instant createdAt) {

    public static GeneratorView of(OfferGenerator g) {
        return new GeneratorView(g.id, g.projectUid, g.name, g.currency, g.basePriceMinor, g.marketIntegrationId,
                WizardJson.read(g.wizard), g.createdAt);
    }
}
