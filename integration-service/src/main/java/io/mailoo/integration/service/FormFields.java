package io.mailoo.integration.service;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A form's extra fields as a template sees them: a field the subscriber did not fill in renders as empty text
 * instead of failing the whole welcome mail.
 */
public final class FormFields extends AbstractMap<String, Object> {

    private final Map<String, Object> values;

    public FormFields(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    @Override
    public Object get(Object key) {
        Object value = values.get(key);
        return value == null ? "" : value;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return values.entrySet();
    }
}
