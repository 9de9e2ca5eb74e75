package io.mailoo.dispatch.domain;

import io.mailoo.contracts.smtp.SmtpSettingsRules;

/** Stable errorCode values of MailDispatchResult; documented in docs/dispatch.md. */
public final class ErrorCodes {
    public static final String PROFILE_NOT_CONFIGURED = "PROFILE_NOT_CONFIGURED";
    public static final String PROFILE_SUSPENDED = "PROFILE_SUSPENDED";
    public static final String ENCRYPTION_KEY_MISSING = "ENCRYPTION_KEY_MISSING";
    public static final String SMTP_PASSWORD_UNREADABLE = "SMTP_PASSWORD_UNREADABLE";
    public static final String SMTP_AUTH_FAILED = "SMTP_AUTH_FAILED";
    public static final String SMTP_TLS_FAILED = "SMTP_TLS_FAILED";
    public static final String SMTP_CONNECT_FAILED = "SMTP_CONNECT_FAILED";
    public static final String SMTP_TIMEOUT = "SMTP_TIMEOUT";
    public static final String SMTP_TEMPORARY_FAILURE = "SMTP_TEMPORARY_FAILURE";
    public static final String SMTP_REJECTED = "SMTP_REJECTED";
    public static final String RECIPIENT_REJECTED = "RECIPIENT_REJECTED";
    public static final String SMTP_HOST_NOT_ALLOWED = "SMTP_HOST_NOT_ALLOWED";
    public static final String SMTP_PORT_NOT_ALLOWED = "SMTP_PORT_NOT_ALLOWED";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String HEADER_INJECTION = "HEADER_INJECTION";
    public static final String ADDRESS_INVALID = "ADDRESS_INVALID";
    public static final String REQUEST_INVALID = "REQUEST_INVALID";
    public static final String PURPOSE_NOT_ALLOWED = "PURPOSE_NOT_ALLOWED";
    /** The request's purpose is one this dispatcher does not know (a newer producer): REJECTED, not dead-lettered. */
    public static final String PURPOSE_UNKNOWN = "PURPOSE_UNKNOWN";
    /** The profile's security mode is one this dispatcher does not know (or none): REJECTED, nothing connects. */
    public static final String SMTP_SECURITY_UNKNOWN = "SMTP_SECURITY_UNKNOWN";
    public static final String INLINE_PROFILE_EXPIRED = "INLINE_PROFILE_EXPIRED";
    public static final String EXPIRED = "MAIL_EXPIRED";
    public static final String SMTP_CLEARTEXT_LOGIN_REFUSED = SmtpSettingsRules.CLEARTEXT_LOGIN_REFUSED;
    public static final String SMTP_PROTOCOL_ERROR = "SMTP_PROTOCOL_ERROR";
    /** A recipient on the profile's suppression list (an earlier 5xx at RCPT): FAILED without a connection. */
    public static final String RECIPIENT_SUPPRESSED = "RECIPIENT_SUPPRESSED";
    /** The owner cancelled the mail in the delivery log before it was sent. */
    public static final String CANCELLED_BY_OWNER = "CANCELLED_BY_OWNER";
    /** The provider refused the profile's OAuth2 grant (invalid_grant): DEFERRED until a reconnect, FAILED at expiry. */
    public static final String OAUTH_RECONNECT_REQUIRED = "OAUTH_RECONNECT_REQUIRED";
    /** The token endpoint failed otherwise (unreachable, 5xx, an answer that is not a usable token): DEFERRED. */
    public static final String OAUTH_TOKEN_UNAVAILABLE = "OAUTH_TOKEN_UNAVAILABLE";
    /** The profile's recipientsPerDay are used up for the rolling 24 h: DEFERRED until the window allows. */
    public static final String DAILY_LIMIT_REACHED = "DAILY_LIMIT_REACHED";

    private ErrorCodes() {
    }
}
