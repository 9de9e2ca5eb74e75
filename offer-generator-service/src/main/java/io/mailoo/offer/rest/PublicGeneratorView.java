package io.mailoo.offer.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Wizard;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.service.WizardJson;

/** What a public wizard page needs: no project, no link, no settings. */
@Schema(name = "OfferWizard", requiredProperties = { "id", "name", "currency", "basePriceMinor", "wizard" })
public record PublicGeneratorView(UUID id, String name, String currency, long basePriceMinor, Wizard wizard) {

    public static PublicGeneratorView of(OfferGenerator g) {
        return new PublicGeneratorView(g.id, g.name, g.currency, g.basePriceMinor, WizardJson.read(g.wizard));
    }
}
