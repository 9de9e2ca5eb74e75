package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code smtp} for the OpenAPI document only; the body itself is read by {@link MailSettingsJson}
 * because {@code password} has three states.
 */
@Schema(name = "SmtpSettings", description = "SMTP settings of the offer generator's own profile")
public record SmtpSettingsSchema(
        @Schema(required = true, example = "smtp.example.com") String host,
        @Schema(required = true, example = "587") Integer port,
        @Schema(required = true, enumeration = { "STARTTLS", "SSL_TLS", "NONE" }) String security,
        String username,
        @Schema(description = "Write-only. Absent: keep the stored one (only for the same host, port, security and "
                + "username); null: remove it; a value: the new password.", nullable = true) String password,
        @Schema(required = true, example = "offers@example.com") String fromAddress,
        String fromName,
        String replyTo) {
}
