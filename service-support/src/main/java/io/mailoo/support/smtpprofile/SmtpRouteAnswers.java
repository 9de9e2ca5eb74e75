package io.mailoo.support.smtpprofile;

/**
 * What the SMTP settings routes of both services answer beyond their own access checks, for their OpenAPI
 * {@code @APIResponse} descriptions (constants, so annotations can name them): this component decides these
 * answers, so it describes them once.
 */
public final class SmtpRouteAnswers {

    /** The 422 codes of a body with SMTP settings ({@link SmtpSettingsJson}, {@link SmtpSettingsCheck}). */
    public static final String FIELD_CODES = "SMTP_HOST_REQUIRED, SMTP_HOST_INVALID, SMTP_PORT_INVALID, "
            + "SMTP_SECURITY_INVALID, SMTP_USERNAME_INVALID, SMTP_PASSWORD_INVALID, FROM_ADDRESS_REQUIRED, "
            + "FROM_ADDRESS_INVALID, FROM_NAME_INVALID, REPLY_TO_INVALID, SMTP_PASSWORD_REQUIRED (server changed "
            + "without a new password), SMTP_CLEARTEXT_LOGIN_REFUSED, SMTP_PROVIDER_INVALID, SMTP_LIMIT_INVALID, "
            + "SMTP_LIMIT_ABOVE_PROVIDER (a limit above the provider's published one), FIELD_UNKNOWN, FIELD_NOT_TEXT, "
            + "FIELD_NOT_OBJECT; "
            + "VALIDATION_FAILED for more than one (errors[] names the fields)";
    /** The extra 422 codes of a test ({@link SmtpTests}). */
    public static final String TEST_CODES = "SMTP_SETTINGS_REQUIRED, EMAIL_CLAIM_MISSING, ";
    public static final String KEY_MISSING = "ENCRYPTION_KEY_MISSING: a new password and no MAIL_SMTP_ENCRYPTION_KEY";
    public static final String PASSWORD_UNREADABLE = "SMTP_PASSWORD_UNREADABLE: the stored password opens with no "
            + "configured key; enter it again";
    public static final String TEST_RATE_LIMITED = "RATE_LIMITED: tests per user or per project";
    public static final String TEST_NOT_SENT = "The test email was not sent: dispatch's errorCode as code "
            + "(SMTP_AUTH_FAILED, SMTP_TLS_FAILED, SMTP_CONNECT_FAILED, SMTP_TIMEOUT, SMTP_REJECTED, "
            + "RECIPIENT_REJECTED, …; SMTP_TEST_FAILED without one), the server's reply in detail";
    public static final String TEST_TIMEOUT = "SMTP_TEST_TIMEOUT: no outcome in time; the email may still arrive";
    public static final String TEST_SENT = "The server accepted the test email";

    /** The answers of the OAuth2 connect routes ({@code …/oauth/start}, {@code complete}, {@code DELETE …/oauth}). */
    public static final String OAUTH_START_CODES = "OAUTH_PROVIDER_INVALID, OAUTH_PROVIDER_NOT_CONFIGURED (no OAuth "
            + "app for it on this platform), SMTP_SETTINGS_REQUIRED and the settings' own codes: ";
    public static final String OAUTH_STATE_INVALID = "OAUTH_STATE_INVALID: the state is unknown, used, older than 10 "
            + "minutes, or was started by another user or for another profile; nothing changed";
    public static final String OAUTH_COMPLETE_CODES = "OAUTH_CODE_REQUIRED; FIELD_UNKNOWN, FIELD_NOT_TEXT; "
            + "FROM_ADDRESS_REQUIRED (the account is no mail address and no sender was given) and the settings' own "
            + "codes if the account makes them invalid";
    public static final String OAUTH_EXCHANGE_FAILED = "OAUTH_CODE_EXCHANGE_FAILED: the provider refused the code, "
            + "gave no refresh token or account, or did not answer in time; nothing changed";
    public static final String OAUTH_KEY_MISSING = "ENCRYPTION_KEY_MISSING: no MAIL_SMTP_ENCRYPTION_KEY to seal the "
            + "grant with";

    private SmtpRouteAnswers() {
    }
}
