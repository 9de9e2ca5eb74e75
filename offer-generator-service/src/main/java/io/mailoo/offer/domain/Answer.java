package io.mailoo.offer.domain;

/** One validated answer, with what a person reads for it (the option label for a choice). */
public record Answer(String fieldId, String fieldLabel, String value, String displayValue) {
}
