package io.mailoo.support.smtpprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.support.oauth.OAuthProviderSettings;

class SmtpProviderPresetsTest {

    @Test
    void theIssuesPresetsAreThereWithTheProvidersPublishedLimits() {
        assertEquals(List.of("MICROSOFT_365", "OUTLOOK_COM", "GOOGLE_WORKSPACE", "AMAZON_SES", "MAILGUN", "SENDGRID",
                "POSTMARK", "BREVO", "ZOHO", "FASTMAIL", "ICLOUD", "GENERIC_OAUTH2", "CUSTOM"),
                SmtpProviderPresets.ALL.stream().map(SmtpProviderPreset::id).toList());
        SmtpProviderPreset m365 = SmtpProviderPresets.byId("MICROSOFT_365").orElseThrow();
        assertEquals(new ProfileLimits(3, 30, 10_000), m365.limits());
        assertEquals("smtp.office365.com", m365.host());
        assertEquals("OAUTH2", m365.login());
        assertEquals(2_000, SmtpProviderPresets.byId("GOOGLE_WORKSPACE").orElseThrow().limits().recipientsPerDay());
        assertEquals("PASSWORD", SmtpProviderPresets.byId("MAILGUN").orElseThrow().login());
    }

    @Test
    void anOwnerMayLowerAProvidersLimitButNeverExceedIt() {
        assertEquals(List.of(), SmtpProviderPresets.validate("MICROSOFT_365", new ProfileLimits(2, 30, 500)));
        List<FieldError> errors = SmtpProviderPresets.validate("MICROSOFT_365", new ProfileLimits(4, 31, 10_001));
        assertEquals(List.of("limits.maxConnections", "limits.messagesPerMinute", "limits.recipientsPerDay"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.stream().allMatch(e -> e.code().equals("SMTP_LIMIT_ABOVE_PROVIDER")));
        // no published limit: anything sane, for a custom server too
        assertEquals(List.of(), SmtpProviderPresets.validate("MAILGUN", new ProfileLimits(50, 600, 100_000)));
        assertEquals(List.of(), SmtpProviderPresets.validate(null, new ProfileLimits(50, 600, null)));
        assertEquals(List.of("SMTP_LIMIT_INVALID", "SMTP_LIMIT_INVALID"), SmtpProviderPresets
                .validate(null, new ProfileLimits(0, -1, null)).stream().map(FieldError::code).toList());
        assertEquals("SMTP_PROVIDER_INVALID", SmtpProviderPresets.validate("YAHOO", null).get(0).code());
    }

    @Test
    void theEffectiveLimitsAreTheOwnersElseThePresetsElseNone() {
        assertEquals(new ProfileLimits(2, 30, 10_000),
                SmtpProviderPresets.effective("MICROSOFT_365", new ProfileLimits(2, null, null)));
        assertEquals(new ProfileLimits(null, null, 2_000), SmtpProviderPresets.effective("GOOGLE_WORKSPACE", null));
        assertNull(SmtpProviderPresets.effective("CUSTOM", null));
        assertNull(SmtpProviderPresets.effective(null, new ProfileLimits(null, null, null)));
    }

    @Test
    void anOAuth2PresetIsAvailableOnlyWithItsAppAndGenericIsListedOnlyWhenConfigured() {
        List<SmtpProviderView> none = SmtpProviderPresets.views(settings(false, false));
        assertFalse(view(none, "MICROSOFT_365").available());
        assertTrue(view(none, "MAILGUN").available());
        assertTrue(none.stream().noneMatch(v -> v.id().equals("GENERIC_OAUTH2")));
        List<SmtpProviderView> both = SmtpProviderPresets.views(settings(true, true));
        assertTrue(view(both, "OUTLOOK_COM").available());
        SmtpProviderView generic = view(both, "GENERIC_OAUTH2");
        assertEquals("Company SSO", generic.name());
        assertEquals("GENERIC", generic.oauthProvider());
        assertNull(generic.host());
        assertEquals(new SmtpLimitsView(3, 30, 10_000), view(both, "MICROSOFT_365").limits());
    }

    private static SmtpProviderView view(List<SmtpProviderView> views, String id) {
        return views.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    /** Settings where MICROSOFT and GENERIC are configured or not; GOOGLE never. */
    static OAuthProviderSettings settings(boolean microsoft, boolean generic) {
        return new OAuthProviderSettings() {
            public Optional<String> redirectUri() {
                return Optional.of("http://127.0.0.1:8080/oauth/callback");
            }

            public App microsoft() {
                return SmtpProviderPresetsTest.app(microsoft, "Microsoft");
            }

            public App google() {
                return SmtpProviderPresetsTest.app(false, "Google");
            }

            public App generic() {
                return SmtpProviderPresetsTest.app(generic, "Company SSO");
            }
        };
    }

    static OAuthProviderSettings.App app(boolean configured, String name) {
        return new OAuthProviderSettings.App() {
            public Optional<String> clientId() {
                return configured ? Optional.of("client") : Optional.empty();
            }

            public Optional<String> clientSecret() {
                return Optional.of("client-secret");
            }

            public Optional<String> authorizationUrl() {
                return Optional.of("https://login.example/authorize");
            }

            public Optional<String> tokenUrl() {
                return Optional.of("https://login.example/token");
            }

            public Optional<String> scope() {
                return Optional.of("openid email");
            }

            public Optional<String> displayName() {
                return Optional.of(name);
            }
        };
    }
}
