package io.mailoo.integration.service;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.links.SubscriptionLinks;
import io.mailoo.support.mail.Escapes;
import io.smallrye.mutiny.Uni;

/**
 * The double opt-in mail: a fixed text (not the owner's template) with the signed confirmation link, through the
 * integration's own profile only, capped per recipient like every public-triggered mail; or the recorded reason
 * why none went.
 */
@ApplicationScoped
public class ConfirmationMail {

    static final String LINK_KEY_MISSING = "SUBSCRIPTION_LINK_KEY_MISSING";
    private static final Logger LOG = Logger.getLogger(ConfirmationMail.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    SubscriptionLinks links;

    @Inject
    DomainEvents events;

    /** Whether a confirmation would be sent (the integration has outboundMail), cap aside. */
    public Uni<Boolean> wouldSend(Integration integration) {
        return OutboundMail.<OutboundMail>findById(integration.id).map(mail -> mail != null);
    }

    /**
     * Sets the subscriber's confirmation status and adds the request to the outbox if one is sent. Runs inside a
     * transaction.
     */
    public Uni<Void> onSubscribed(Integration integration, Subscriber subscriber, boolean withinCap) {
        return wouldSend(integration).chain(configured -> {
            if (!configured) {
                return record(integration, subscriber, MailState.NOT_CONFIGURED, null, "no outboundMail (SMTP)");
            }
            if (!withinCap) {
                return record(integration, subscriber, MailState.SKIPPED_RATE_LIMITED, null,
                        "the recipient had the most public-triggered mail allowed for now");
            }
            if (!links.available()) {
                return record(integration, subscriber, MailState.FAILED, LINK_KEY_MISSING, "no link key");
            }
            UUID messageId = TimeOrderedIds.next();
            subscriber.confirmationMessageId = messageId;
            subscriber.confirmationStatus = MailState.QUEUED.name();
            String url = links.confirmUrl(subscriber.id, subscriber.confirmBy);
            String list = Escapes.headerText(integration.name).strip();
            return events.mailRequested(MailRequests.forIntegration(messageId, integration,
                    MailPurpose.SUBSCRIPTION_CONFIRMATION, MailRequests.CONFIRMATION, subscriber.email,
                    "Please confirm your subscription to " + list, text(subscriber, list, url),
                    html(subscriber, list, url), links.unsubscribeHeaders(subscriber.id)));
        });
    }

    private String text(Subscriber subscriber, String list, String url) {
        return "Someone, hopefully you, subscribed " + subscriber.email + " to " + list + ".\n\n"
                + "To confirm, open this link and press the button:\n" + url + "\n\n"
                + "If it was not you, ignore this mail: nothing more is sent, and the subscription is removed "
                + "after " + WHEN.format(subscriber.confirmBy) + ".\n";
    }

    private String html(Subscriber subscriber, String list, String url) {
        String href = Escapes.html(url);
        return "<p>Someone, hopefully you, subscribed " + Escapes.html(subscriber.email) + " to "
                + Escapes.html(list) + ".</p>\n<p><a href=\"" + href + "\">Confirm the subscription</a></p>\n"
                + "<p>If it was not you, ignore this mail: nothing more is sent, and the subscription is removed "
                + "after " + WHEN.format(subscriber.confirmBy) + ".</p>\n";
    }

    private static Uni<Void> record(Integration integration, Subscriber subscriber, MailState state, String code,
            String why) {
        LOG.infof("Confirmation mail for subscriber %s of integration %s not sent (%s): %s", subscriber.id,
                integration.id, code == null ? state.name() : code, why);
        subscriber.confirmationStatus = state.name();
        subscriber.confirmationErrorCode = code;
        return Uni.createFrom().voidItem();
    }
}
