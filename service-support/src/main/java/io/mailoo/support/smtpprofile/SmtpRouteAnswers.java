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
            + "without a new password), SMTP_CLEARTEXT_LOGIN_REFUSED, FIELD_UNKNOWN, FIELD_NOT_TEXT, FIELD_NOT_OBJECT; "
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

    private SmtpRouteAnswers() {
    }
}
