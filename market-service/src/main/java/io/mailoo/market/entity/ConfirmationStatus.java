package io.mailoo.market.entity;

import io.mailoo.contracts.events.MailStatus;

/** The buyer's confirmation mail as the order shows it ({@code emailToCustomer.status}). */
public enum ConfirmationStatus {
    QUEUED,
    SENT,
    FAILED,
    NOT_CONFIGURED;

    public boolean isFinal() {
        return this != QUEUED;
    }

    /**
     * What a dispatch result means for the order; DEFERRED keeps it QUEUED (dispatch retries), REJECTED is a
     * failure the integrator can act on (e.g. a buyer address the server refused).
     */
    public static ConfirmationStatus of(MailStatus status) {
        return switch (status) {
            case SENT -> SENT;
            // UNKNOWN never gets here (MailResultRecords keeps such a result out); were it to, the mail stays open
            case DEFERRED, UNKNOWN -> QUEUED;
            case FAILED, REJECTED -> FAILED;
            case NOT_CONFIGURED -> NOT_CONFIGURED;
        };
    }
}
