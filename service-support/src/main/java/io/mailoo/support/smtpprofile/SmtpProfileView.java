package io.mailoo.support.smtpprofile;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.support.mail.ProfileSuspension;

/**
 * The SMTP settings as every response shows them: {@code hasSmtpPassword}, never the password or its ciphertext;
 * {@code suspension} is null unless dispatch has stopped using them after repeated login failures.
 */
@Schema(name = "SmtpProfileView", description = "Saved SMTP settings: hasSmtpPassword, never the password.",
        requiredProperties = { "host", "port", "security", "username", "hasSmtpPassword", "fromAddress", "fromName",
                "replyTo", "profileVersion", "updatedAt", "suspension", "login", "oauth2", "reconnectRequired",
                "provider", "limits" })
public record SmtpProfileView(String host, int port,
        @Schema(enumeration = { "STARTTLS", "SSL_TLS", "NONE" }) String security,
        @Schema(nullable = true) String username, boolean hasSmtpPassword, String fromAddress,
        @Schema(nullable = true) String fromName, @Schema(nullable = true) String replyTo,
        @Schema(description = "Bumped by every save and removal.") long profileVersion,
        @Schema(nullable = true) Instant updatedAt,
        @Schema(nullable = true, description = "null while sending works.") ProfileSuspension suspension,
        @Schema(enumeration = { "NONE", "PASSWORD", "OAUTH2" }, description = "How the profile logs in.") String login,
        @Schema(nullable = true, description = "The connected account; null unless login is OAUTH2.")
        OAuth2ConnectionView oauth2,
        @Schema(nullable = true, description = "null while the provider accepts the grant; otherwise connect again.")
        OAuth2Reconnect reconnectRequired,
        @Schema(nullable = true, description = "The SMTP provider preset id chosen, or null.") String provider,
        @Schema(description = "The limits dispatch applies: the owner's own, else the provider's published ones; "
                + "null parts: dispatch's defaults.") SmtpLimitsView limits) {

    /** @return null when nothing is stored */
    public static SmtpProfileView of(SmtpProfile p, long profileVersion) {
        return p == null ? null : new SmtpProfileView(p.host, p.port, p.security, p.username, p.hasPassword(),
                p.fromAddress, p.fromName, p.replyTo, profileVersion, p.updatedAt,
                ProfileSuspension.since(p.suspendedAt), p.login(), OAuth2ConnectionView.of(p),
                p.hasOAuth2() ? OAuth2Reconnect.since(p.reconnectRequiredAt) : null, p.provider,
                SmtpLimitsView.of(p.effectiveLimits()));
    }
}
