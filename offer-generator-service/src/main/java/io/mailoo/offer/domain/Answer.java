package io.mailoo.offer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One validated answer, with what a person reads for it (the option label for a choice). */
@Schema(requiredProperties = { "fieldId", "fieldLabel", "value", "displayValue" })
public record Answer(String fieldId, String fieldLabel, String value, String displayValue) {
}
