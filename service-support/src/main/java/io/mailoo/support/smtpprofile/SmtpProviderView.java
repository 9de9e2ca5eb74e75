package io.mailoo.support.smtpprofile;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One SMTP provider preset as {@code GET /api/v1/projects/{p}/smtp-providers} lists it. */
@Schema(name = "SmtpProvider", description = "An SMTP provider preset: where it listens, how a profile logs in "
        + "and its published sending limits.", requiredProperties = { "id", "name", "host", "port", "security", "login",
                "oauthProvider", "available", "limits" })
public record SmtpProviderView(
        @Schema(description = "Preset id, sent back as the settings' provider.", example = "MICROSOFT_365") String id,
        String name,
        @Schema(nullable = true, description = "null: the owner enters it.") String host,
        @Schema(nullable = true) Integer port,
        @Schema(nullable = true, enumeration = { "STARTTLS", "SSL_TLS", "NONE" }) String security,
        @Schema(enumeration = { "PASSWORD", "OAUTH2" }) String login,
        @Schema(nullable = true, enumeration = { "MICROSOFT", "GOOGLE", "GENERIC" },
                description = "The OAuth2 app the Connect button uses; null for a password login.") String oauthProvider,
        @Schema(description = "false when the platform's OAuth app for it is not configured.") boolean available,
        SmtpLimitsView limits) {

    static SmtpProviderView of(SmtpProviderPreset preset, boolean available) {
        return new SmtpProviderView(preset.id(), preset.name(), preset.host(), preset.port(), preset.security(),
                preset.login(), preset.oauthProvider() == null ? null : preset.oauthProvider().name(), available,
                SmtpLimitsView.of(preset.limits()));
    }
}
