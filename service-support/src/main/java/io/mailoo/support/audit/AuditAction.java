package io.mailoo.support.audit;

/** What happened to a profile's SMTP settings. */
public enum AuditAction {
    /** Settings created or changed. */
    SAVED,
    /** The whole SMTP profile removed. */
    REMOVED,
    /** A test email was asked for (with the values of the request, saved or not). */
    TESTED
}
