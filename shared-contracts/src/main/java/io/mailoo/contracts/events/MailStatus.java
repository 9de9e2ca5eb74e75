package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Outcome of one dispatch attempt as published on {@code mailoo.mail-results.v1}. */
public enum MailStatus {
    SENT,
    DEFERRED,
    FAILED,
    NOT_CONFIGURED,
    REJECTED,
    /**
     * A status this consumer does not know (a newer dispatcher); never published. Not final: a consumer keeps
     * what it had and waits for a status it knows.
     */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** True when no further result will follow for the same message. */
    public boolean isFinal() {
        return this != DEFERRED && this != UNKNOWN;
    }
}
