package io.mailoo.offer.rest;

import java.util.UUID;

import io.mailoo.offer.domain.Wizard;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.service.WizardJson;

/** What a public wizard page needs: no project, no link, no settings. */
public record PublicGeneratorView(UUID id, String name, String currency, long basePriceMinor, Wizard wizard) {

    public static PublicGeneratorView of(OfferGenerator g) {
        return new PublicGeneratorView(g.id, g.name, g.currency, g.basePriceMinor, WizardJson.read(g.wizard));
    }
}
