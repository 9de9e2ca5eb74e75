package io.mailoo.integration.service;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailStatus;

/**
 * How a dispatch result shows on a reply or a welcome mail: QUEUED until the first result, DEFERRED while retried,
 * then SENT or FAILED (REJECTED and NOT_CONFIGURED are failures too; the errorCode says which).
 */
public final class MailStatuses {

    public static final String NONE = "NONE";
    public static final String QUEUED = "QUEUED";
    public static final String DEFERRED = "DEFERRED";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED_NOT_CONFIGURED = "SKIPPED_NOT_CONFIGURED";
    /** The recipient already had the most public-triggered mail its cap allows (the subscription still counts). */
    public static final String SKIPPED_RATE_LIMITED = "SKIPPED_RATE_LIMITED";

    private MailStatuses() {
    }

    public static String of(MailDispatchResult result) {
        return switch (result.status()) {
            case SENT -> SENT;
            // UNKNOWN never gets here (MailResultRecords keeps such a result out); were it to, the mail stays open
            case DEFERRED, UNKNOWN -> DEFERRED;
            case FAILED, REJECTED, NOT_CONFIGURED -> FAILED;
        };
    }

    /** Results may arrive twice or out of order: a final status is never overwritten. */
    public static boolean mayChange(String current) {
        return QUEUED.equals(current) || DEFERRED.equals(current);
    }

    public static String errorCode(MailDispatchResult result) {
        if (result.status() == MailStatus.SENT || result.status() == MailStatus.DEFERRED) {
            return null;
        }
        return result.errorCode() != null ? result.errorCode() : result.status().name();
    }
}
