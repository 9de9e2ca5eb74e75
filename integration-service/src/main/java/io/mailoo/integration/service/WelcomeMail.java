package io.mailoo.integration.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.integration.entity.Campaign;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.messaging.DomainEvents;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;

/**
 * The SUBSCRIBER_CREATED campaign: queues the welcome mail through the integration's own profile, or records (and
 * logs) that it was skipped because there is none. Runs inside the subscription's transaction.
 */
@ApplicationScoped
public class WelcomeMail {

    private static final Logger LOG = Logger.getLogger(WelcomeMail.class);

    @Inject
    WelcomeTemplates templates;

    @Inject
    DomainEvents events;

    /** Sets the subscriber's welcome status (not yet persisted) and adds the request to the outbox if one is sent. */
    public Uni<Void> onSubscriberCreated(Integration integration, Subscriber subscriber, Map<String, Object> fields) {
        return Campaign.<Campaign>find("integrationId = ?1 and active = true and trigger = ?2 and event = ?3 "
                + "order by createdAt desc", integration.id, CampaignRules.ON_EVENT, CampaignRules.SUBSCRIBER_CREATED)
                .firstResult()
                .chain(campaign -> campaign == null ? none(subscriber)
                        : OutboundMail.<OutboundMail>findById(integration.id)
                                .chain(mail -> mail == null ? skipped(integration, subscriber)
                                        : queue(integration, subscriber, campaign, fields)));
    }

    private static Uni<Void> none(Subscriber subscriber) {
        subscriber.welcomeStatus = MailStatuses.NONE;
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> skipped(Integration integration, Subscriber subscriber) {
        LOG.infof("Welcome mail skipped for subscriber %s: integration %s has no outboundMail (SMTP) configured",
                subscriber.id, integration.id);
        subscriber.welcomeStatus = MailStatuses.SKIPPED_NOT_CONFIGURED;
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> queue(Integration integration, Subscriber subscriber, Campaign campaign,
            Map<String, Object> fields) {
        WelcomeTemplates.Rendered rendered;
        try {
            rendered = templates.render(campaign.subject, campaign.bodyTemplate, subscriber.name, subscriber.email,
                    fields);
        } catch (TemplateException e) {
            LOG.infof("Welcome mail for subscriber %s of integration %s not sent: the template does not render (%s)",
                    subscriber.id, integration.id, e.getMessage());
            subscriber.welcomeStatus = MailStatuses.FAILED;
            subscriber.welcomeErrorCode = "TEMPLATE_RENDER_FAILED";
            return Uni.createFrom().voidItem();
        }
        UUID messageId = UUID.randomUUID();
        subscriber.welcomeMessageId = messageId;
        subscriber.welcomeStatus = MailStatuses.QUEUED;
        return events.mailRequested(MailRequests.forIntegration(messageId, integration, MailPurpose.WELCOME,
                MailRequests.WELCOME, subscriber.email, rendered.subject(), null, rendered.html()));
    }
}
