package io.mailoo.contracts.events;

/**
 * Value of {@code mailoo.mail-profiles.v1}, keyed by profileRef; a tombstone (null value) removes the profile.
 * {@code version} grows with every save so a consumer can tell stale settings from current ones.
 */
public record MailProfileChanged(
        String profileRef,
        String projectUid,
        long version,
        SmtpServer smtp,
        Sender from,
        String replyTo,
        ProfileLimits limits) {
}
