package io.mailoo.offer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsChanges;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.domain.Branding;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsInput;

/**
 * The names (never the values) of what a save, removal or test changes against the stored settings, for the audit
 * trail: the SMTP fields by shared-contracts' {@link SmtpSettingsChanges} (names as in the API, under {@code smtp.}),
 * then {@code internalNotificationAddress} and {@code branding.*}.
 */
final class MailSettingsAuditFields {

    private MailSettingsAuditFields() {
    }

    static List<String> smtp(OfferMailSettings stored, SmtpSettingsInput smtp, PasswordChange change) {
        SmtpSettingsInput before = stored == null ? null : new SmtpSettingsInput(stored.host, stored.port,
                stored.security, stored.username, null, stored.fromAddress, stored.fromName, stored.replyTo);
        boolean hadPassword = stored != null && stored.passwordCiphertext != null;
        return SmtpSettingsChanges.between(before, hadPassword, smtp, change).stream().map(f -> "smtp." + f)
                .toList();
    }

    static List<String> saved(OfferMailSettings stored, MailSettingsInput input, PasswordChange change) {
        List<String> fields = new ArrayList<>(smtp(stored, input.smtp(), change));
        if (differs(stored == null ? null : stored.internalNotificationAddress, input.internalNotificationAddress())) {
            fields.add("internalNotificationAddress");
        }
        Branding b = input.branding() == null ? new Branding(null, null, null, null) : input.branding();
        addIf(fields, "branding.companyName", stored == null ? null : stored.companyName, b.companyName());
        addIf(fields, "branding.logoUrl", stored == null ? null : stored.logoUrl, b.logoUrl());
        addIf(fields, "branding.primaryColor", stored == null ? null : stored.primaryColor, b.primaryColor());
        addIf(fields, "branding.footerText", stored == null ? null : stored.footerText, b.footerText());
        return fields;
    }

    /** A removal takes every field that had a value. */
    static List<String> removed(OfferMailSettings stored) {
        List<String> fields = new ArrayList<>(List.of("smtp.host", "smtp.port", "smtp.security"));
        addIf(fields, "smtp.username", stored.username, null);
        if (stored.passwordCiphertext != null) {
            fields.add("smtp.password");
        }
        fields.add("smtp.fromAddress");
        addIf(fields, "smtp.fromName", stored.fromName, null);
        addIf(fields, "smtp.replyTo", stored.replyTo, null);
        addIf(fields, "internalNotificationAddress", stored.internalNotificationAddress, null);
        addIf(fields, "branding.companyName", stored.companyName, null);
        addIf(fields, "branding.logoUrl", stored.logoUrl, null);
        addIf(fields, "branding.primaryColor", stored.primaryColor, null);
        addIf(fields, "branding.footerText", stored.footerText, null);
        return fields;
    }

    private static void addIf(List<String> fields, String name, String before, String after) {
        if (differs(before, after)) {
            fields.add(name);
        }
    }

    private static boolean differs(String before, String after) {
        return !Objects.equals(MailProfileEvents.emptyToNull(before), MailProfileEvents.emptyToNull(after));
    }
}
