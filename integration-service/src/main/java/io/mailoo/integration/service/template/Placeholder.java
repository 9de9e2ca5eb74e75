package io.mailoo.integration.service.template;

import java.util.regex.Pattern;

/** One of the documented placeholders: {@code {name}}, {@code {email}}, {@code {fields.<id>}}. */
public sealed interface Placeholder extends TemplatePart {

    /** Form field ids as forms define them (the same shape as the offer wizard's ids). */
    Pattern FIELD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    record Name() implements Placeholder {
    }

    record Email() implements Placeholder {
    }

    record Field(String id) implements Placeholder {
    }

    /** The placeholder an expression's text names, or null when it is none of them. */
    static Placeholder of(String expression) {
        if (expression.equals("name")) {
            return new Name();
        }
        if (expression.equals("email")) {
            return new Email();
        }
        if (expression.startsWith("fields.")) {
            String id = expression.substring("fields.".length());
            return FIELD_ID.matcher(id).matches() ? new Field(id) : null;
        }
        return null;
    }
}
