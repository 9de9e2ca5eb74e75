package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.OutboundMail;

/** outboundMail as responses show it: whether a password is stored, never the password or its ciphertext. */
public record OutboundMailView(String host, int port, String security, String username, boolean hasSmtpPassword,
        String fromAddress, String fromName, String replyTo, long profileVersion, Instant updatedAt) {

    public static OutboundMailView of(OutboundMail mail, long profileVersion) {
        return mail == null ? null : new OutboundMailView(mail.host, mail.port, mail.security, mail.username,
                mail.hasPassword(), mail.fromAddress, mail.fromName, mail.replyTo, profileVersion, mail.updatedAt);
    }
}
