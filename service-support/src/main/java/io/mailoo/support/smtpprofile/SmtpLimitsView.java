package io.mailoo.support.smtpprofile;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.events.ProfileLimits;

/** Sending limits as the views show them; a null part has no limit of its own (a provider's, or dispatch's default). */
@Schema(name = "SmtpLimits", requiredProperties = { "maxConnections", "messagesPerMinute", "recipientsPerDay" })
public record SmtpLimitsView(
        @Schema(nullable = true, description = "SMTP connections open at once.") Integer maxConnections,
        @Schema(nullable = true, description = "Messages sent per minute.") Integer messagesPerMinute,
        @Schema(nullable = true, description = "Recipients per rolling day.") Integer recipientsPerDay) {

    public static SmtpLimitsView of(ProfileLimits limits) {
        return limits == null ? new SmtpLimitsView(null, null, null)
                : new SmtpLimitsView(limits.maxConnections(), limits.messagesPerMinute(), limits.recipientsPerDay());
    }
}
