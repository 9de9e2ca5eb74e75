package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.service.IntegrationDetails;
import io.mailoo.support.smtpprofile.SmtpProfileView;

/**
 * An integration with its config ({@code config.outboundMail} is null when none is configured) and what its type
 * can do, so that clients follow {@link IntegrationType} instead of keeping their own lists of types.
 */
@Schema(requiredProperties = { "id", "projectUid", "type", "name", "publicKey", "active", "capabilities", "config",
        "createdAt" })
public record IntegrationView(String id, String projectUid, @Schema(implementation = IntegrationType.class) String type,
        String name, String publicKey, boolean active, Capabilities capabilities, Config config, Instant createdAt) {

    /** The integration's settings. */
    @Schema(name = "IntegrationConfig", requiredProperties = "outboundMail")
    public record Config(@Schema(nullable = true, description = "null when none is configured.")
    SmtpProfileView outboundMail) {
    }

    /** sendsMail: has outboundMail; takesSubmissions: public form posts; takesSubscriptions: subscribers, campaigns. */
    @Schema(name = "IntegrationCapabilities", requiredProperties = { "sendsMail", "takesSubmissions",
            "takesSubscriptions" })
    public record Capabilities(boolean sendsMail, boolean takesSubmissions, boolean takesSubscriptions) {

        static Capabilities of(IntegrationType type) {
            return new Capabilities(type.sendsMail(), type.acceptsSubmissions(), type.acceptsSubscriptions());
        }
    }

    public static IntegrationView of(IntegrationDetails details) {
        Integration i = details.integration();
        return new IntegrationView(i.id.toString(), i.projectId.toString(), i.type.name(), i.name, i.publicKey,
                i.active, Capabilities.of(i.type), new Config(SmtpProfileView.of(
                        details.outboundMail() == null ? null : details.outboundMail().smtp, i.mailProfileVersion)),
                i.createdAt);
    }
}
