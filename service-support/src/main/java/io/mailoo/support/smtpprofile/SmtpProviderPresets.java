package io.mailoo.support.smtpprofile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.support.oauth.OAuthProviderSettings;

/**
 * The SMTP provider presets (issue 14) and the rule for a profile's own limits: an owner may lower a provider's
 * published limit, never exceed it. The figures and where they are published: docs/oauth2-routes.md.
 */
public final class SmtpProviderPresets {

    public static final String MICROSOFT_365 = "MICROSOFT_365";
    public static final String GENERIC_OAUTH2 = "GENERIC_OAUTH2";
    public static final String CUSTOM = "CUSTOM";
    public static final String PROVIDER_INVALID = "SMTP_PROVIDER_INVALID";
    public static final String LIMIT_INVALID = "SMTP_LIMIT_INVALID";
    public static final String LIMIT_ABOVE_PROVIDER = "SMTP_LIMIT_ABOVE_PROVIDER";
    /** The highest limit anyone may enter where a provider publishes none (keeps the numbers sane). */
    static final int MAX_LIMIT = 1_000_000;

    private static final String STARTTLS = "STARTTLS";
    private static final String SSL_TLS = "SSL_TLS";

    /** Every preset, in the order the panel lists them. */
    public static final List<SmtpProviderPreset> ALL = List.of(
            new SmtpProviderPreset(MICROSOFT_365, "Microsoft 365", "smtp.office365.com", 587, STARTTLS,
                    OAuth2Provider.MICROSOFT, new ProfileLimits(3, 30, 10_000)),
            new SmtpProviderPreset("OUTLOOK_COM", "Outlook.com", "smtp-mail.outlook.com", 587, STARTTLS,
                    OAuth2Provider.MICROSOFT, new ProfileLimits(null, null, null)),
            new SmtpProviderPreset("GOOGLE_WORKSPACE", "Google Workspace / Gmail", "smtp.gmail.com", 587, STARTTLS,
                    OAuth2Provider.GOOGLE, new ProfileLimits(null, null, 2_000)),
            password("AMAZON_SES", "Amazon SES SMTP", "email-smtp.us-east-1.amazonaws.com", 587, STARTTLS),
            password("MAILGUN", "Mailgun", "smtp.mailgun.org", 587, STARTTLS),
            password("SENDGRID", "SendGrid", "smtp.sendgrid.net", 587, STARTTLS),
            password("POSTMARK", "Postmark", "smtp.postmarkapp.com", 587, STARTTLS),
            password("BREVO", "Brevo", "smtp-relay.brevo.com", 587, STARTTLS),
            password("ZOHO", "Zoho Mail", "smtp.zoho.com", 465, SSL_TLS),
            password("FASTMAIL", "Fastmail", "smtp.fastmail.com", 465, SSL_TLS),
            password("ICLOUD", "iCloud Mail", "smtp.mail.me.com", 587, STARTTLS),
            new SmtpProviderPreset(GENERIC_OAUTH2, "Single sign-on", null, null, null, OAuth2Provider.GENERIC,
                    new ProfileLimits(null, null, null)),
            password(CUSTOM, "Other SMTP server", null, null, null));

    private SmtpProviderPresets() {
    }

    private static SmtpProviderPreset password(String id, String name, String host, Integer port, String security) {
        return new SmtpProviderPreset(id, name, host, port, security, null, new ProfileLimits(null, null, null));
    }

    public static Optional<SmtpProviderPreset> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The presets as the panel lists them: GENERIC_OAUTH2 only when the operator configured that server (with its
     * configured name), {@code available} false for an OAuth2 preset whose app is not configured.
     */
    public static List<SmtpProviderView> views(OAuthProviderSettings oauth) {
        List<SmtpProviderView> out = new ArrayList<>();
        for (SmtpProviderPreset preset : ALL) {
            boolean available = preset.oauthProvider() == null
                    || oauth.configured(preset.oauthProvider()).isPresent();
            if (preset.id().equals(GENERIC_OAUTH2)) {
                if (!available) {
                    continue;
                }
                String name = oauth.generic().displayName().filter(n -> !n.isBlank()).orElse(preset.name());
                preset = new SmtpProviderPreset(preset.id(), name, null, null, null, preset.oauthProvider(),
                        preset.limits());
            }
            out.add(SmtpProviderView.of(preset, available));
        }
        return out;
    }

    /**
     * The field errors of a provider id and limits: an unknown id (SMTP_PROVIDER_INVALID), a limit that is not a
     * whole number ≥ 1 (SMTP_LIMIT_INVALID) or above the provider's published one (SMTP_LIMIT_ABOVE_PROVIDER).
     * Field names are {@code provider}, {@code limits.maxConnections}, … .
     */
    public static List<FieldError> validate(String providerId, ProfileLimits limits) {
        List<FieldError> errors = new ArrayList<>();
        SmtpProviderPreset preset = null;
        if (providerId != null) {
            preset = byId(providerId).orElse(null);
            if (preset == null) {
                errors.add(new FieldError("provider", PROVIDER_INVALID, "The provider must be one of "
                        + String.join(", ", ALL.stream().map(SmtpProviderPreset::id).toList()) + "."));
            }
        }
        if (limits != null) {
            ProfileLimits max = preset == null ? null : preset.limits();
            check("maxConnections", limits.maxConnections(), max == null ? null : max.maxConnections(), errors);
            check("messagesPerMinute", limits.messagesPerMinute(), max == null ? null : max.messagesPerMinute(),
                    errors);
            check("recipientsPerDay", limits.recipientsPerDay(), max == null ? null : max.recipientsPerDay(),
                    errors);
        }
        return errors;
    }

    private static void check(String name, Integer value, Integer max, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value < 1 || value > MAX_LIMIT) {
            errors.add(new FieldError("limits." + name, LIMIT_INVALID,
                    name + " must be a whole number from 1 to " + MAX_LIMIT + "."));
        } else if (max != null && value > max) {
            errors.add(new FieldError("limits." + name, LIMIT_ABOVE_PROVIDER,
                    name + " may be at most " + max + ", the provider's published limit; you may only lower it."));
        }
    }

    /**
     * The limits dispatch applies to a profile: each of the owner's own where given, else the preset's, else null
     * (dispatch's default). Null when none is set at all.
     */
    public static ProfileLimits effective(String providerId, ProfileLimits own) {
        ProfileLimits preset = providerId == null ? null : byId(providerId).map(SmtpProviderPreset::limits).orElse(null);
        Integer connections = first(own == null ? null : own.maxConnections(),
                preset == null ? null : preset.maxConnections());
        Integer perMinute = first(own == null ? null : own.messagesPerMinute(),
                preset == null ? null : preset.messagesPerMinute());
        Integer perDay = first(own == null ? null : own.recipientsPerDay(),
                preset == null ? null : preset.recipientsPerDay());
        return connections == null && perMinute == null && perDay == null ? null
                : new ProfileLimits(connections, perMinute, perDay);
    }

    private static Integer first(Integer a, Integer b) {
        return a != null ? a : b;
    }
}
