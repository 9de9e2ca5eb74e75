package io.mailoo.contracts.smtp;

/** One invalid field: its JSON name, a stable code and a sentence for a person. */
public record FieldError(String field, String code, String message) {
}
