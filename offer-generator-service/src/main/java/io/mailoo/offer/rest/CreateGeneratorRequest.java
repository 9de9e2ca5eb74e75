package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Wizard;

/** Body of POST …/offer-generators; {@code marketIntegrationId} optionally links one of the project's MARKET integrations. */
@Schema(name = "OfferGeneratorInput", requiredProperties = { "name", "currency", "basePriceMinor", "wizard" })
public record CreateGeneratorRequest(@Schema(maxLength = 100) String name,
        @Schema(description = "ISO 4217, e.g. EUR.", pattern = "^[A-Z]{3}$") String currency,
        @Schema(minimum = "0") Long basePriceMinor,
        @Schema(nullable = true, description = "One of the project's MARKET integrations, or null.")
        String marketIntegrationId, Wizard wizard) {
}
