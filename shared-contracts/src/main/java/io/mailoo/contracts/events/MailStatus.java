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
     * The owner cancelled the mail before it was sent (docs/dispatch.md, "Delivery log"). Final. A consumer older than
     * this status reads it as {@link #UNKNOWN} and keeps the mail open.
     */
    CANCELLED,
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
