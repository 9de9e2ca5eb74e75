package io.mailoo.offer.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Branding;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.support.smtpprofile.SmtpProfileView;

/**
 * The saved settings as the owner sees them: {@code smtp} is the SMTP view every service shows
 * ({@code hasSmtpPassword}, never the password or its ciphertext); {@code version} = {@code smtp.profileVersion}.
 */
@Schema(requiredProperties = { "smtp", "internalNotificationAddress", "branding", "version", "updatedAt" })
public record MailSettingsView(SmtpProfileView smtp, @Schema(nullable = true) String internalNotificationAddress,
        Branding branding, long version, @Schema(nullable = true) Instant updatedAt) {

    public static MailSettingsView of(OfferMailSettings s, long version) {
        return new MailSettingsView(SmtpProfileView.of(s.smtp, version), s.internalNotificationAddress,
                new Branding(s.companyName, s.logoUrl, s.primaryColor, s.footerText), version, s.smtp.updatedAt);
    }
}
