package io.mailoo.support.smtpprofile;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The SMTP settings object of a request body ({@code outboundMail} of integration-service, {@code smtp} of
 * offer-generator-service) for the OpenAPI documents only, one schema for both services: the body itself is read by
 * {@link SmtpSettingsJson}, because {@code password} has three states a record cannot keep (absent, null, a value).
 */
@Schema(name = "SmtpSettings", description = "SMTP settings to save or test. Unknown fields and values of the wrong "
        + "JSON type are 422 naming the field (FIELD_UNKNOWN, FIELD_NOT_TEXT, SMTP_PORT_INVALID).",
        requiredProperties = { "host", "port", "security", "fromAddress" })
public record SmtpSettingsSchema(
        @Schema(description = "Host name or IP address of the SMTP server.", example = "smtp.example.com",
                maxLength = 253) String host,
        @Schema(description = "1-65535.", minimum = "1", maximum = "65535", example = "587") Integer port,
        @Schema(enumeration = { "STARTTLS", "SSL_TLS", "NONE" }, description = "Transport security. Where private "
                + "hosts are not allowed (production), NONE with a username or password is 422 "
                + "SMTP_CLEARTEXT_LOGIN_REFUSED.") String security,
        @Schema(description = "SMTP AUTH user; absent, null or empty: no login.", maxLength = 254,
                nullable = true) String username,
        @Schema(description = "Write-only, never answered. Absent: keep the stored one, but only while host, port, "
                + "security and username are unchanged (otherwise 422 SMTP_PASSWORD_REQUIRED); null: remove it; a "
                + "value (1-1024 characters, no line breaks): the new password.", writeOnly = true, nullable = true,
                minLength = 1, maxLength = 1024) String password,
        @Schema(description = "Sender address (plain local@domain).", example = "shop@example.com") String fromAddress,
        @Schema(description = "Sender name, at most 100 characters.", maxLength = 100,
                nullable = true) String fromName,
        @Schema(description = "Reply-To address (plain local@domain).", nullable = true) String replyTo,
        @Schema(description = "The SMTP provider preset id (GET …/smtp-providers), or null; an unknown id is 422 "
                + "SMTP_PROVIDER_INVALID.", nullable = true, example = "MICROSOFT_365") String provider,
        @Schema(description = "The profile's own sending limits; absent or null parts: the provider's published "
                + "ones, else dispatch's defaults. Above the provider's: 422 SMTP_LIMIT_ABOVE_PROVIDER.",
                nullable = true) Limits limits) {

    /** The owner's own limits in a request; each part may be absent or null. */
    @Schema(name = "SmtpLimitsInput")
    public record Limits(@Schema(nullable = true, minimum = "1") Integer maxConnections,
            @Schema(nullable = true, minimum = "1") Integer messagesPerMinute,
            @Schema(nullable = true, minimum = "1") Integer recipientsPerDay) {
    }
}
