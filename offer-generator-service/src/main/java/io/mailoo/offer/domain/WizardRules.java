package io.mailoo.offer.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;

/** Validation of a wizard definition; field names are JSON paths such as {@code wizard.steps[0].fields[1].type}. */
public final class WizardRules {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_STEPS = 20;
    static final int MAX_FIELDS = 100;
    static final int MAX_OPTIONS = 100;
    static final int MAX_TEXT_LENGTH = 5000;
    static final int DEFAULT_TEXT_LENGTH = 1000;
    /** Keeps every sum of prices far from overflowing a long. */
    static final long MAX_PRICE = 1_000_000_000_000L;
    static final long MAX_NUMBER = 1_000_000L;

    private WizardRules() {
    }

    public static List<FieldError> validate(Wizard wizard) {
        List<FieldError> errors = new ArrayList<>();
        if (wizard == null || wizard.steps() == null || wizard.steps().isEmpty()) {
            errors.add(new FieldError("wizard.steps", "WIZARD_STEPS_REQUIRED", "A wizard needs at least one step."));
            return errors;
        }
        if (wizard.steps().size() > MAX_STEPS) {
            errors.add(new FieldError("wizard.steps", "WIZARD_STEPS_TOO_MANY", "At most " + MAX_STEPS + " steps."));
            return errors;
        }
        Set<String> stepIds = new HashSet<>();
        Set<String> fieldIds = new HashSet<>();
        int fieldCount = 0;
        for (int s = 0; s < wizard.steps().size(); s++) {
            Wizard.Step step = wizard.steps().get(s);
            String path = "wizard.steps[" + s + "]";
            if (step == null) {
                errors.add(new FieldError(path, "WIZARD_STEP_INVALID", "A step must be an object."));
                continue;
            }
            checkId(step.id(), path + ".id", stepIds, "step", errors);
            checkLabel(step.title(), path + ".title", errors);
            if (step.fields() == null || step.fields().isEmpty()) {
                errors.add(new FieldError(path + ".fields", "WIZARD_FIELDS_REQUIRED", "A step needs at least one field."));
                continue;
            }
            fieldCount += step.fields().size();
            for (int f = 0; f < step.fields().size(); f++) {
                validateField(step.fields().get(f), path + ".fields[" + f + "]", fieldIds, errors);
            }
        }
        if (fieldCount > MAX_FIELDS) {
            errors.add(new FieldError("wizard.steps", "WIZARD_FIELDS_TOO_MANY", "At most " + MAX_FIELDS + " fields."));
        }
        return errors;
    }

    private static void validateField(Wizard.Field field, String path, Set<String> fieldIds, List<FieldError> errors) {
        if (field == null) {
            errors.add(new FieldError(path, "WIZARD_FIELD_INVALID", "A field must be an object."));
            return;
        }
        checkId(field.id(), path + ".id", fieldIds, "field", errors);
        checkLabel(field.label(), path + ".label", errors);
        FieldType type = FieldType.parse(field.type());
        if (type == null) {
            errors.add(new FieldError(path + ".type", "WIZARD_FIELD_TYPE_INVALID",
                    "The type must be CHOICE, NUMBER or TEXT."));
            return;
        }
        if (type != FieldType.CHOICE && field.options() != null && !field.options().isEmpty()) {
            errors.add(new FieldError(path + ".options", "WIZARD_OPTIONS_NOT_ALLOWED",
                    "Only CHOICE fields have options."));
        }
        switch (type) {
            case CHOICE -> validateOptions(field.options(), path + ".options", errors);
            case NUMBER -> validateNumber(field, path, errors);
            case TEXT -> {
                if (field.maxLength() != null && (field.maxLength() < 1 || field.maxLength() > MAX_TEXT_LENGTH)) {
                    errors.add(new FieldError(path + ".maxLength", "WIZARD_MAX_LENGTH_INVALID",
                            "maxLength must be from 1 to " + MAX_TEXT_LENGTH + "."));
                }
            }
        }
    }

    private static void validateOptions(List<Wizard.Option> options, String path, List<FieldError> errors) {
        if (options == null || options.isEmpty()) {
            errors.add(new FieldError(path, "WIZARD_OPTIONS_REQUIRED", "A CHOICE field needs at least one option."));
            return;
        }
        if (options.size() > MAX_OPTIONS) {
            errors.add(new FieldError(path, "WIZARD_OPTIONS_TOO_MANY", "At most " + MAX_OPTIONS + " options."));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int o = 0; o < options.size(); o++) {
            Wizard.Option option = options.get(o);
            String at = path + "[" + o + "]";
            if (option == null) {
                errors.add(new FieldError(at, "WIZARD_OPTION_INVALID", "An option must be an object."));
                continue;
            }
            checkId(option.id(), at + ".id", ids, "option", errors);
            checkLabel(option.label(), at + ".label", errors);
            checkPrice(option.priceMinor(), at + ".priceMinor", errors);
        }
    }

    private static void validateNumber(Wizard.Field field, String path, List<FieldError> errors) {
        if (field.min() == null || field.max() == null) {
            errors.add(new FieldError(path + ".min", "WIZARD_RANGE_REQUIRED", "A NUMBER field needs min and max."));
        } else if (field.min() < 0 || field.max() > MAX_NUMBER || field.min() > field.max()) {
            errors.add(new FieldError(path + ".max", "WIZARD_RANGE_INVALID",
                    "Need 0 ≤ min ≤ max ≤ " + MAX_NUMBER + "."));
        }
        checkPrice(field.unitPriceMinor(), path + ".unitPriceMinor", errors);
    }

    static void checkPrice(Long price, String path, List<FieldError> errors) {
        if (price != null && (price < 0 || price > MAX_PRICE)) {
            errors.add(new FieldError(path, "PRICE_INVALID", "A price is 0 to " + MAX_PRICE + " minor units."));
        }
    }

    private static void checkId(String id, String path, Set<String> seen, String what, List<FieldError> errors) {
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new FieldError(path, "WIZARD_ID_INVALID",
                    "A " + what + " id is 1 to 64 letters, digits, '_' or '-'."));
        } else if (!seen.add(id)) {
            errors.add(new FieldError(path, "WIZARD_ID_DUPLICATE", "The " + what + " id '" + id + "' is used twice."));
        }
    }

    private static void checkLabel(String label, String path, List<FieldError> errors) {
        if (label == null || label.isBlank() || label.length() > 200 || HeaderValueValidator.hasControlCharacter(label)) {
            errors.add(new FieldError(path, "WIZARD_LABEL_INVALID",
                    "Enter a label of at most 200 characters without line breaks."));
        }
    }

    static int maxTextLength(Wizard.Field field) {
        return field.maxLength() == null ? DEFAULT_TEXT_LENGTH : field.maxLength();
    }
}
