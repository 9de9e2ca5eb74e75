package io.mailoo.offer.service;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.domain.Wizard;

/** The stored JSON form of a wizard. */
public final class WizardJson {

    private WizardJson() {
    }

    public static Wizard read(String json) {
        return EventCodec.decode(json, Wizard.class);
    }

    public static String write(Wizard wizard) {
        return EventCodec.encodeToString(wizard);
    }
}
