package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.service.IntegrationDetails;
import io.mailoo.support.smtpprofile.SmtpProfileView;

/**
 * An integration with its config ({@code config.outboundMail} is null when none is configured) and what its type
 * can do, so that clients follow {@link IntegrationType} instead of keeping their own lists of types.
 */
public record IntegrationView(String id, String projectUid, String type, String name, String publicKey,
        boolean active, Capabilities capabilities, Config config, Instant createdAt) {

    /** The integration's settings; {@code subscriptions} only for types that take subscriptions (FORM). */
    public record Config(SmtpProfileView outboundMail, Subscriptions subscriptions) {
    }

    /** doubleOptIn: a subscription counts (and is welcomed) only once confirmed by a link in a mail. */
    public record Subscriptions(boolean doubleOptIn) {
    }

    /** sendsMail: has outboundMail; takesSubmissions: public form posts; takesSubscriptions: subscribers, campaigns. */
    public record Capabilities(boolean sendsMail, boolean takesSubmissions, boolean takesSubscriptions) {

        static Capabilities of(IntegrationType type) {
            return new Capabilities(type.sendsMail(), type.acceptsSubmissions(), type.acceptsSubscriptions());
        }
    }

    public static IntegrationView of(IntegrationDetails details) {
        Integration i = details.integration();
        return new IntegrationView(i.id.toString(), i.projectId.toString(), i.type.name(), i.name, i.publicKey,
                i.active, Capabilities.of(i.type), new Config(SmtpProfileView.of(
                        details.outboundMail() == null ? null : details.outboundMail().smtp, i.mailProfileVersion),
                        i.type.acceptsSubscriptions() ? new Subscriptions(i.doubleOptIn) : null),
                i.createdAt);
    }
}
