package io.mailoo.integration.service.template;

import java.util.Map;

import io.mailoo.contracts.json.EventCodec;

/**
 * What the placeholders stand for, for one subscriber. A field the subscriber did not send is empty text, so one
 * missing optional field does not fail the whole welcome mail.
 */
public record TemplateValues(String name, String email, Map<String, Object> fields) {

    public TemplateValues {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        fields = fields == null ? Map.of() : fields;
    }

    /** The raw (unescaped) value of a placeholder. */
    public String of(Placeholder placeholder) {
        if (placeholder instanceof Placeholder.Field field) {
            return text(fields.get(field.id()));
        }
        return placeholder instanceof Placeholder.Email ? email : name;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return EventCodec.encodeToString(value);
    }
}
