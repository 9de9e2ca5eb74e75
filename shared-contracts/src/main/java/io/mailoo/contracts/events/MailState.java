package io.mailoo.contracts.events;

/**
 * The state of one mail as every view shows it (a reply, a welcome mail, an order's confirmation, an offer's two
 * mails), where {@link MailStatus} is the outcome of one dispatch attempt. QUEUED until dispatch reports, DEFERRED
 * while it retries, then SENT, FAILED (REJECTED included; the errorCode says why) or NOT_CONFIGURED; NONE when no mail
 * was due, SKIPPED_RATE_LIMITED when the recipient's cap kept it from being requested, SKIPPED_UNSUBSCRIBED when
 * the recipient had unsubscribed before it was due, and CANCELLED when the owner cancelled it in the delivery log
 * before it was sent.
 */
public enum MailState {
    NONE,
    QUEUED,
    DEFERRED,
    SENT,
    FAILED,
    NOT_CONFIGURED,
    SKIPPED_RATE_LIMITED,
    SKIPPED_UNSUBSCRIBED,
    CANCELLED;

    /** What a dispatch result makes of the mail. */
    public static MailState of(MailStatus status) {
        return switch (status) {
            case SENT -> SENT;
            // UNKNOWN never gets here (MailResultRecords keeps such a result out); were it to, the mail stays open
            case DEFERRED, UNKNOWN -> DEFERRED;
            case FAILED, REJECTED -> FAILED;
            case NOT_CONFIGURED -> NOT_CONFIGURED;
            case CANCELLED -> CANCELLED;
        };
    }

    /** The errorCode a view shows beside the state: the result's reason for anything but SENT. */
    public static String errorCode(MailDispatchResult result) {
        return result.status() == MailStatus.SENT ? null : result.errorCode();
    }

    /** True when nothing changes it any more (results may arrive twice or out of order). */
    public boolean isFinal() {
        return this != QUEUED && this != DEFERRED;
    }

    /** Whether a stored state (its name) may still be replaced by a result. */
    public static boolean mayChange(String stored) {
        return QUEUED.name().equals(stored) || DEFERRED.name().equals(stored);
    }
}
