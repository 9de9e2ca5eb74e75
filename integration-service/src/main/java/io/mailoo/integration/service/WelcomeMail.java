package io.mailoo.integration.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.integration.entity.Campaign;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.entity.SubscriptionStatus;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.links.SubscriptionLinks;
import io.mailoo.integration.service.template.TemplateOutputTooLargeException;
import io.mailoo.integration.service.template.TemplateSyntaxException;
import io.mailoo.support.mail.Escapes;
import io.smallrye.mutiny.Uni;

/**
 * The SUBSCRIBER_CREATED campaign: queues the welcome mail through the integration's own profile (with its
 * List-Unsubscribe link), or records (and logs) why none went: no campaign, no SMTP, the recipient's cap, a
 * template that does not render, or a subscriber who unsubscribed.
 */
@ApplicationScoped
public class WelcomeMail {

    private static final Logger LOG = Logger.getLogger(WelcomeMail.class);

    @Inject
    WelcomeTemplates templates;

    @Inject
    DomainEvents events;

    @Inject
    SubscriptionLinks links;

    /** Whether a new subscriber's welcome would be sent (an active campaign and outboundMail), cap aside. */
    public Uni<Boolean> wouldSend(Integration integration) {
        return campaign(integration).chain(campaign -> campaign == null ? Uni.createFrom().item(false)
                : OutboundMail.<OutboundMail>findById(integration.id).map(mail -> mail != null));
    }

    /**
     * Sets the subscriber's welcome status (flushed with the transaction) and adds the request to the outbox if
     * one is sent. Runs inside a transaction.
     *
     * @param withinCap whether the recipient's cap on public-triggered mail allows one more
     */
    public Uni<Void> onSubscriberCreated(Integration integration, Subscriber subscriber, Map<String, Object> fields,
            boolean withinCap) {
        if (subscriber.status == SubscriptionStatus.UNSUBSCRIBED) {
            subscriber.welcomeStatus = MailState.SKIPPED_UNSUBSCRIBED.name(); // campaign mail never follows
            return Uni.createFrom().voidItem();
        }
        return campaign(integration)
                .chain(campaign -> campaign == null ? none(subscriber)
                        : OutboundMail.<OutboundMail>findById(integration.id)
                                .chain(mail -> mail == null ? skipped(integration, subscriber)
                                        : withinCap ? queue(integration, subscriber, campaign, fields)
                                                : capped(integration, subscriber)));
    }

    private static Uni<Campaign> campaign(Integration integration) {
        return Campaign.<Campaign>find("integrationId = ?1 and active = true and trigger = ?2 and event = ?3 "
                + "order by createdAt desc", integration.id, CampaignRules.ON_EVENT, CampaignRules.SUBSCRIBER_CREATED)
                .firstResult();
    }

    private static Uni<Void> none(Subscriber subscriber) {
        subscriber.welcomeStatus = MailState.NONE.name();
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> skipped(Integration integration, Subscriber subscriber) {
        LOG.infof("Welcome mail skipped for subscriber %s: integration %s has no outboundMail (SMTP) configured",
                subscriber.id, integration.id);
        subscriber.welcomeStatus = MailState.NOT_CONFIGURED.name();
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> capped(Integration integration, Subscriber subscriber) {
        LOG.infof("Welcome mail skipped for subscriber %s of integration %s: the recipient had the most "
                + "public-triggered mail allowed for now", subscriber.id, integration.id);
        subscriber.welcomeStatus = MailState.SKIPPED_RATE_LIMITED.name();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> queue(Integration integration, Subscriber subscriber, Campaign campaign,
            Map<String, Object> fields) {
        return templates.render(campaign.subject, campaign.bodyTemplate, subscriber.name, subscriber.email, fields)
                .chain(rendered -> {
                    UUID messageId = TimeOrderedIds.next();
                    subscriber.welcomeMessageId = messageId;
                    subscriber.welcomeStatus = MailState.QUEUED.name();
                    return events.mailRequested(MailRequests.forIntegration(messageId, integration,
                            MailPurpose.WELCOME, MailRequests.WELCOME, subscriber.email, rendered.subject(), null,
                            rendered.html() + footer(subscriber), links.unsubscribeHeaders(subscriber.id)));
                })
                .onFailure(e -> e instanceof TemplateOutputTooLargeException || e instanceof TemplateSyntaxException)
                .recoverWithUni(e -> failed(integration, subscriber, e));
    }

    /** The unsubscribe link in the body too, for readers whose mail program does not show List-Unsubscribe. */
    private String footer(Subscriber subscriber) {
        return !links.available() ? "" : "\n<p style=\"font-size:small\"><a href=\""
                + Escapes.html(links.unsubscribeUrl(subscriber.id)) + "\">Unsubscribe</a></p>\n";
    }

    private static Uni<Void> failed(Integration integration, Subscriber subscriber, Throwable e) {
        String code = e instanceof TemplateOutputTooLargeException ? TemplateOutputTooLargeException.CODE
                : "TEMPLATE_RENDER_FAILED";
        LOG.infof("Welcome mail for subscriber %s of integration %s not sent: %s", subscriber.id, integration.id,
                code);
        subscriber.welcomeStatus = MailState.FAILED.name();
        subscriber.welcomeErrorCode = code;
        return Uni.createFrom().voidItem();
    }
}
