package io.mailoo.contracts.events;

/** Outcome of one dispatch attempt as published on {@code mailoo.mail-results.v1}. */
public enum MailStatus {
    SENT,
    DEFERRED,
    FAILED,
    NOT_CONFIGURED,
    REJECTED;

    /** True when no further result will follow for the same message. */
    public boolean isFinal() {
        return this != DEFERRED;
    }
}
