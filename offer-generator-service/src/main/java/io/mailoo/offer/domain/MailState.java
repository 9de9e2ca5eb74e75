package io.mailoo.offer.domain;

/**
 * Status of one mail of a submission: QUEUED until dispatch reports, then the result's status
 * (DEFERRED, SENT, FAILED, NOT_CONFIGURED, REJECTED); NOT_CONFIGURED at once when the generator has no mail settings;
 * NONE for an internal notification when no internal address is set; SKIPPED_RATE_LIMITED for a customer delivery
 * over the per-recipient cap (nothing was requested).
 */
public enum MailState {
    QUEUED,
    DEFERRED,
    SENT,
    FAILED,
    NOT_CONFIGURED,
    REJECTED,
    NONE,
    SKIPPED_RATE_LIMITED
}
