package io.mailoo.offer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;

/**
 * Checks a customer's answers against the wizard: every answer names a field of it, every required field is
 * answered, a choice names one of the field's options, a number is a whole number within [min, max], a text fits.
 * Field errors are named {@code answers.<fieldId>}.
 */
public final class AnswerRules {

    private AnswerRules() {
    }

    public record Result(List<Answer> answers, List<FieldError> errors) {
    }

    public static Result evaluate(Wizard wizard, Map<String, JsonNode> given) {
        Map<String, JsonNode> answers = given == null ? Map.of() : given;
        List<FieldError> errors = new ArrayList<>();
        for (String fieldId : answers.keySet()) {
            if (wizard.field(fieldId).isEmpty()) {
                errors.add(new FieldError(field(fieldId), "ANSWER_FIELD_UNKNOWN",
                        "This wizard has no field '" + printable(fieldId) + "'."));
            }
        }
        List<Answer> accepted = new ArrayList<>();
        wizard.fields().forEach(field -> {
            JsonNode value = answers.get(field.id());
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.isRequired()) {
                    errors.add(new FieldError(field(field.id()), "ANSWER_REQUIRED", "Answer '" + field.label() + "'."));
                }
                return;
            }
            Answer answer = check(field, value, errors);
            if (answer != null) {
                accepted.add(answer);
            }
        });
        return new Result(errors.isEmpty() ? accepted : List.of(), errors);
    }

    private static Answer check(Wizard.Field field, JsonNode value, List<FieldError> errors) {
        String name = field(field.id());
        switch (FieldType.parse(field.type())) {
            case CHOICE -> {
                if (!value.isTextual()) {
                    errors.add(new FieldError(name, "ANSWER_TYPE_INVALID", "Give the id of one option."));
                    return null;
                }
                return field.option(value.asText())
                        .map(o -> new Answer(field.id(), field.label(), o.id(), o.label()))
                        .orElseGet(() -> {
                            errors.add(new FieldError(name, "ANSWER_OPTION_UNKNOWN",
                                    "'" + field.label() + "' has no option '" + printable(value.asText()) + "'."));
                            return null;
                        });
            }
            case NUMBER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    errors.add(new FieldError(name, "ANSWER_TYPE_INVALID", "Give a whole number."));
                    return null;
                }
                long n = value.asLong();
                if (n < field.min() || n > field.max()) {
                    errors.add(new FieldError(name, "ANSWER_OUT_OF_RANGE", "'" + field.label() + "' must be from "
                            + field.min() + " to " + field.max() + "."));
                    return null;
                }
                return new Answer(field.id(), field.label(), Long.toString(n), Long.toString(n));
            }
            default -> {
                if (!value.isTextual()) {
                    errors.add(new FieldError(name, "ANSWER_TYPE_INVALID", "Give a text."));
                    return null;
                }
                String text = value.asText().strip();
                if (text.length() > WizardRules.maxTextLength(field) || hasUnsafeControl(text)) {
                    errors.add(new FieldError(name, "ANSWER_TEXT_INVALID", "At most "
                            + WizardRules.maxTextLength(field) + " characters, without control characters."));
                    return null;
                }
                return new Answer(field.id(), field.label(), text, text);
            }
        }
    }

    /** Line breaks are fine in a text answer (it goes into a mail body), other control characters are not. */
    private static boolean hasUnsafeControl(String text) {
        return HeaderValueValidator.hasControlCharacter(text.replace("\r\n", "").replace("\n", ""));
    }

    private static String field(String fieldId) {
        return "answers." + printable(fieldId);
    }

    /** An unknown id is echoed back, so it is cut short and stripped of control characters first. */
    private static String printable(String s) {
        String cleaned = s.replaceAll("\\p{Cntrl}", "");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
