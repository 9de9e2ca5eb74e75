package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.support.mail.ProfileSuspension;

/**
 * outboundMail as responses show it: whether a password is stored, never the password or its ciphertext;
 * {@code suspension} is null unless dispatch has stopped using these settings after repeated login failures.
 */
public record OutboundMailView(String host, int port, String security, String username, boolean hasSmtpPassword,
        String fromAddress, String fromName, String replyTo, long profileVersion, Instant updatedAt,
        ProfileSuspension suspension) {

    public static OutboundMailView of(OutboundMail mail, long profileVersion) {
        return mail == null ? null : new OutboundMailView(mail.host, mail.port, mail.security, mail.username,
                mail.hasPassword(), mail.fromAddress, mail.fromName, mail.replyTo, profileVersion, mail.updatedAt,
                ProfileSuspension.since(mail.suspendedAt));
    }
}
