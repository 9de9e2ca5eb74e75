package io.mailoo.support.smtpprofile;

import java.time.Instant;

import io.mailoo.support.mail.ProfileSuspension;

/**
 * The SMTP settings as every response shows them: {@code hasSmtpPassword}, never the password or its ciphertext;
 * {@code suspension} is null unless dispatch has stopped using them after repeated login failures.
 */
public record SmtpProfileView(String host, int port, String security, String username, boolean hasSmtpPassword,
        String fromAddress, String fromName, String replyTo, long profileVersion, Instant updatedAt,
        ProfileSuspension suspension) {

    /** @return null when nothing is stored */
    public static SmtpProfileView of(SmtpProfile p, long profileVersion) {
        return p == null ? null : new SmtpProfileView(p.host, p.port, p.security, p.username, p.hasPassword(),
                p.fromAddress, p.fromName, p.replyTo, profileVersion, p.updatedAt,
                ProfileSuspension.since(p.suspendedAt));
    }
}
