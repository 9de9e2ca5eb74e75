package io.mailoo.offer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.offer.domain.Branding;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsInput;
import io.mailoo.support.smtpprofile.SmtpProfile;

/**
 * The names (never the values) of what a save or removal changes against the stored settings, for the audit trail:
 * the SMTP fields as every service names them ({@link SmtpProfile#changedFields}: {@code host}, {@code password}, …),
 * then {@code internalNotificationAddress} and {@code branding.*}.
 */
final class MailSettingsAuditFields {

    private static final Branding NO_BRANDING = new Branding(null, null, null, null);

    private MailSettingsAuditFields() {
    }

    static List<String> saved(OfferMailSettings stored, MailSettingsInput input, PasswordChange change) {
        List<String> fields = new ArrayList<>(SmtpProfile.changedFields(stored == null ? null : stored.smtp,
                input.smtp(), change));
        others(fields, stored, input.internalNotificationAddress(),
                input.branding() == null ? NO_BRANDING : input.branding());
        return fields;
    }

    /** A removal takes every field that had a value. */
    static List<String> removed(OfferMailSettings stored) {
        List<String> fields = new ArrayList<>(stored.smtp.removedFields());
        others(fields, stored, null, NO_BRANDING);
        return fields;
    }

    private static void others(List<String> fields, OfferMailSettings stored, String internal, Branding b) {
        addIf(fields, "internalNotificationAddress", stored == null ? null : stored.internalNotificationAddress,
                internal);
        addIf(fields, "branding.companyName", stored == null ? null : stored.companyName, b.companyName());
        addIf(fields, "branding.logoUrl", stored == null ? null : stored.logoUrl, b.logoUrl());
        addIf(fields, "branding.primaryColor", stored == null ? null : stored.primaryColor, b.primaryColor());
        addIf(fields, "branding.footerText", stored == null ? null : stored.footerText, b.footerText());
    }

    private static void addIf(List<String> fields, String name, String before, String after) {
        if (!Objects.equals(MailSettingsService.blankToNull(before), MailSettingsService.blankToNull(after))) {
            fields.add(name);
        }
    }
}
