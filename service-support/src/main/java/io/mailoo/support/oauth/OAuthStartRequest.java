package io.mailoo.support.oauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.support.smtpprofile.SmtpSettingsSchema;

/** The body of {@code …/oauth/start}, for the OpenAPI documents (the body is read strictly by {@link OAuthConnect}). */
@Schema(name = "OAuthStartRequest", requiredProperties = { "provider", "settings" })
public record OAuthStartRequest(
        @Schema(enumeration = { "MICROSOFT", "GOOGLE", "GENERIC" }) String provider,
        @Schema(description = "The panel's current (maybe unsaved) SMTP settings, without password; username and an "
                + "empty fromAddress are filled with the connected account.") SmtpSettingsSchema settings) {
}
