package io.mailoo.offer.rest;

import io.mailoo.offer.domain.Wizard;

/** Body of POST …/offer-generators; {@code marketIntegrationId} optionally links one of the project's MARKET integrations. */
public record CreateGeneratorRequest(String name, String currency, Long basePriceMinor, String marketIntegrationId,
        Wizard wizard) {
}
