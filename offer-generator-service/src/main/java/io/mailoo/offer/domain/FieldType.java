package io.mailoo.offer.domain;

/** Kinds of wizard field. */
public enum FieldType {
    CHOICE,
    NUMBER,
    TEXT;

    public static FieldType parse(String value) {
        for (FieldType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
