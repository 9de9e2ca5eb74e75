package io.mailoo.offer.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;

/**
 * Validation of what OfferGeneratorMailSettings has beyond its SMTP settings (those are checked by service-support's
 * SmtpSettingsCheck, as integration outboundMail is): the internal notification address and the branding.
 */
public final class MailSettingsRules {

    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private MailSettingsRules() {
    }

    public static List<FieldError> validate(String internalAddress, Branding branding) {
        List<FieldError> errors = new ArrayList<>();
        if (internalAddress != null && !internalAddress.isBlank() && !MailAddressValidator.isValid(internalAddress)) {
            errors.add(new FieldError("internalNotificationAddress", "INTERNAL_ADDRESS_INVALID",
                    "The internal notification address must be a plain address such as sales@example.com."));
        }
        if (branding != null) {
            validateBranding(branding, errors);
        }
        return errors;
    }

    private static void validateBranding(Branding b, List<FieldError> errors) {
        if (b.companyName() != null && (b.companyName().length() > 100
                || HeaderValueValidator.hasControlCharacter(b.companyName()))) {
            errors.add(new FieldError("branding.companyName", "BRANDING_COMPANY_NAME_INVALID",
                    "The company name must be at most 100 characters on one line."));
        }
        if (b.logoUrl() != null && !b.logoUrl().isBlank() && !isWebUrl(b.logoUrl())) {
            errors.add(new FieldError("branding.logoUrl", "BRANDING_LOGO_URL_INVALID",
                    "The logo URL must be an absolute https:// or http:// address of at most 2000 characters."));
        }
        if (b.primaryColor() != null && !b.primaryColor().isBlank() && !COLOR.matcher(b.primaryColor()).matches()) {
            errors.add(new FieldError("branding.primaryColor", "BRANDING_COLOR_INVALID",
                    "The primary colour must be #rrggbb, e.g. #1a73e8."));
        }
        if (b.footerText() != null && (b.footerText().length() > 1000
                || HeaderValueValidator.hasControlCharacter(b.footerText().replace("\r\n", "").replace("\n", "")))) {
            errors.add(new FieldError("branding.footerText", "BRANDING_FOOTER_INVALID",
                    "The footer must be at most 1000 characters."));
        }
    }

    private static boolean isWebUrl(String value) {
        if (value.length() > 2000 || HeaderValueValidator.hasControlCharacter(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
