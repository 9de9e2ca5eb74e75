package io.mailoo.offer.rest;

import java.time.Instant;

import io.mailoo.offer.domain.Branding;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.support.mail.ProfileSuspension;

/** The saved settings as the owner sees them: {@code hasSmtpPassword}, never the password or its ciphertext. */
public record MailSettingsView(Smtp smtp, String internalNotificationAddress, Branding branding, long version,
        Instant updatedAt) {

    /** {@code suspension}: null unless dispatch has stopped using these settings after repeated login failures. */
    public record Smtp(String host, int port, String security, String username, boolean hasSmtpPassword,
            String fromAddress, String fromName, String replyTo, ProfileSuspension suspension) {
    }

    public static MailSettingsView of(OfferMailSettings s, long version) {
        return new MailSettingsView(new Smtp(s.host, s.port, s.security, s.username, s.passwordCiphertext != null,
                s.fromAddress, s.fromName, s.replyTo, ProfileSuspension.since(s.suspendedAt)),
                s.internalNotificationAddress,
                new Branding(s.companyName, s.logoUrl, s.primaryColor, s.footerText), version, s.updatedAt);
    }
}
