package io.mailoo.support.smtpprofile;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.support.http.ProblemException;

/**
 * Reading a JSON body strictly, field by field: a name the body may not have is a 422 {@code FIELD_UNKNOWN} (so a
 * misspelt {@code passwrd} never means "keep the stored password"), a value of the wrong JSON type a 422
 * {@code FIELD_NOT_TEXT} / {@code FIELD_NOT_OBJECT} naming the field; nothing is ever silently read as null.
 */
public final class StrictJson {

    public static final String FIELD_UNKNOWN = "FIELD_UNKNOWN";
    public static final String FIELD_NOT_TEXT = "FIELD_NOT_TEXT";
    public static final String FIELD_NOT_OBJECT = "FIELD_NOT_OBJECT";
    public static final String FIELD_NOT_BOOLEAN = "FIELD_NOT_BOOLEAN";

    private StrictJson() {
    }

    /** The body itself must be an object: anything else is 400 JSON_MALFORMED. */
    public static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(400, "JSON_MALFORMED", "The request body must be a JSON object.");
        }
        return body;
    }

    /** Adds an FIELD_UNKNOWN error, named {@code at + name}, for every field of {@code node} not in {@code known}. */
    public static void unknownFields(JsonNode node, Collection<String> known, String at, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(at + printable(name), FIELD_UNKNOWN, "Unknown field '" + printable(name)
                        + "'; the fields here are " + String.join(", ", known) + ". Nothing was changed."));
            }
        }
    }

    /** The text of {@code parent.field}; null when absent or null; a FIELD_NOT_TEXT error for any other type. */
    public static String text(JsonNode parent, String field, String at, List<FieldError> errors) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at + field, FIELD_NOT_TEXT, field + " must be a string."));
            return null;
        }
        return value.textValue();
    }

    /** The boolean {@code parent.field}; a FIELD_NOT_BOOLEAN error (and false) when absent, null or another type. */
    public static boolean requiredBoolean(JsonNode parent, String field, List<FieldError> errors) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isBoolean()) {
            errors.add(new FieldError(field, FIELD_NOT_BOOLEAN, field + " must be true or false."));
            return false;
        }
        return value.booleanValue();
    }

    public static FieldError notObject(String field) {
        return new FieldError(field, FIELD_NOT_OBJECT, field + " must be an object.");
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** An unknown name is echoed back, so it is cut short and stripped of control characters first. */
    static String printable(String name) {
        String cleaned = name.replaceAll("\\p{Cntrl}", "");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
