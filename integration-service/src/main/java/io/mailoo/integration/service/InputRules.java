package io.mailoo.integration.service;

import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.support.http.ProblemException;

/** Field checks shared by the routes: collect every error, then answer 422 with all of them at once. */
public final class InputRules {

    private final List<FieldError> errors = new ArrayList<>();

    /** Optional text as stored: blank means not given. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public static InputRules check() {
        return new InputRules();
    }

    /** A required single-line text of at most {@code max} characters. */
    public InputRules name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, field.toUpperCase() + "_REQUIRED", "Enter " + field + "."));
        } else if (value.length() > max || HeaderValueValidator.hasControlCharacter(value)) {
            errors.add(new FieldError(field, field.toUpperCase() + "_INVALID",
                    field + " must be at most " + max + " characters without line breaks."));
        }
        return this;
    }

    /** An optional single-line text. */
    public InputRules optionalLine(String field, String value, int max) {
        if (value != null && (value.length() > max || HeaderValueValidator.hasControlCharacter(value))) {
            errors.add(new FieldError(field, field.toUpperCase() + "_INVALID",
                    field + " must be at most " + max + " characters without line breaks."));
        }
        return this;
    }

    /** Optional free text (line breaks allowed) up to {@code max} characters. */
    public InputRules optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, field.toUpperCase() + "_TOO_LONG",
                    field + " must be at most " + max + " characters."));
        }
        return this;
    }

    public InputRules email(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "EMAIL_REQUIRED", "Enter an email address."));
        } else if (!MailAddressValidator.isValid(value)) {
            errors.add(new FieldError(field, "EMAIL_INVALID",
                    "The email address must be a plain address such as jane@example.com."));
        }
        return this;
    }

    /**
     * An address the public gives us to mail (submitter, subscriber): a plain address whose domain has a dot and
     * is no IP literal, so a public post cannot aim mail at the servers' own network.
     */
    public InputRules publicEmail(String field, String value) {
        email(field, value);
        if (value != null && !value.isBlank() && MailAddressValidator.isValid(value)
                && !MailAddressValidator.isPublicRecipient(value)) {
            errors.add(new FieldError(field, "EMAIL_INVALID",
                    "The email address must be a public address such as jane@example.com."));
        }
        return this;
    }

    public InputRules add(FieldError error) {
        errors.add(error);
        return this;
    }

    public InputRules addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** Throws 422 with every collected error, if any. */
    public void orFail() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
