package io.mailoo.dispatch.oauth;

import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.mailoo.dispatch.domain.ErrorCodes;

/**
 * Why no access token could be had for a grant. Its message names the reason (and at most an HTTP status and the
 * provider's error code, cut and checked), never a token, the client secret or the endpoint's text.
 */
public final class OAuthGrantException extends RuntimeException {

    public enum Reason {
        /** The provider answered invalid_grant (revoked, expired, password reset), now or before. */
        RECONNECT_REQUIRED,
        /** The token endpoint was unreachable, failed, or answered something that is not a usable token. */
        TOKEN_UNAVAILABLE,
        /** The stored or event token does not open for this profile and server (tampered, moved). */
        UNREADABLE,
        /** No configured key has the token's keyId. */
        KEY_MISSING
    }

    private final Reason reason;

    public OAuthGrantException(Reason reason, String detail) {
        super(reason + (detail == null ? "" : ": " + detail), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The mail's outcome for this reason (never FAILED for a reconnect: it waits for the owner until expiry). */
    public DispatchOutcome outcome(java.time.Instant mailExpiresAt) {
        return switch (reason) {
            case RECONNECT_REQUIRED -> DispatchOutcome.deferredUntil(ErrorCodes.OAUTH_RECONNECT_REQUIRED, mailExpiresAt);
            case TOKEN_UNAVAILABLE -> DispatchOutcome.deferred(ErrorCodes.OAUTH_TOKEN_UNAVAILABLE, null, RetryLadder.QUICK);
            case UNREADABLE -> DispatchOutcome.failed(ErrorCodes.SMTP_PASSWORD_UNREADABLE, null);
            case KEY_MISSING -> DispatchOutcome.deferred(ErrorCodes.ENCRYPTION_KEY_MISSING, null, RetryLadder.SLOW);
        };
    }
}
