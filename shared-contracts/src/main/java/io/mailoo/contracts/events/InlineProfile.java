package io.mailoo.contracts.events;

/**
 * Unsaved SMTP settings carried by an {@code SMTP_TEST} request; the password is sealed with
 * associated data {@code test:{messageId}} and the profile is never stored.
 */
public record InlineProfile(SmtpServer smtp, Sender from, String replyTo) {

    public static String associatedData(java.util.UUID messageId) {
        return "test:" + messageId;
    }
}
