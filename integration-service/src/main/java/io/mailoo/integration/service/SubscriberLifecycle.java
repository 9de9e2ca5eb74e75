package io.mailoo.integration.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.integration.config.SubscriptionConfig;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.entity.SubscriptionStatus;
import io.mailoo.integration.service.links.LinkPurpose;
import io.mailoo.integration.service.links.LinkTokens;
import io.mailoo.integration.service.links.SubscriptionLinks;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A subscriber's way from subscription to confirmation (double opt-in) and to unsubscribing, driven by the signed
 * links of their mail. Each change locks the subscriber's row, so racing clicks confirm once and queue one welcome.
 */
@ApplicationScoped
public class SubscriberLifecycle {

    static final String LINK_INVALID = "SUBSCRIPTION_LINK_INVALID";
    static final String LINK_EXPIRED = "SUBSCRIPTION_LINK_EXPIRED";
    static final String UNSUBSCRIBED = "SUBSCRIBER_UNSUBSCRIBED";
    private static final Logger LOG = Logger.getLogger(SubscriberLifecycle.class);

    @Inject
    SubscriptionConfig config;

    @Inject
    SubscriptionLinks links;

    @Inject
    WelcomeMail welcome;

    /** What a link page shows: whose subscription to which list, and where it stands (null: no longer on file). */
    public record LinkTarget(String email, String listName, SubscriptionStatus status) {
    }

    /** A new subscriber's starting point: subscribed at once, or waiting for the confirmation with double opt-in. */
    void start(Integration integration, Subscriber subscriber) {
        if (integration.doubleOptIn) {
            subscriber.status = SubscriptionStatus.PENDING_CONFIRMATION;
            subscriber.confirmBy = subscriber.createdAt.plus(config.confirmationWindow());
            subscriber.welcomeStatus = MailState.NONE.name(); // decided when (if) the subscriber confirms
        } else {
            subscriber.status = SubscriptionStatus.SUBSCRIBED;
        }
    }

    /**
     * For the GET page of a link: checks the token and reads, changing nothing; a confirmation link fails as its
     * POST would (410, 409), an unsubscribe link of a subscriber no longer on file names nobody.
     */
    public Uni<LinkTarget> target(String token, LinkPurpose purpose) {
        LinkTokens.Link link = verify(token, purpose);
        return Panache.withSession(() -> Subscriber.<Subscriber>findById(link.subscriberId()).chain(s -> {
            if (purpose == LinkPurpose.CONFIRM) {
                confirmable(s);
            }
            return s == null ? Uni.createFrom().item(new LinkTarget(null, null, null))
                    : Integration.<Integration>findById(s.integrationId)
                            .map(i -> new LinkTarget(s.email, i.name, s.status));
        }));
    }

    /**
     * Confirms a double opt-in subscription and queues its welcome; a repeat answers SUBSCRIBED and sends nothing.
     * An unsubscribed subscriber stays unsubscribed (409); one past the window, or already removed, is 410.
     */
    public Uni<SubscriptionStatus> confirm(String token) {
        LinkTokens.Link link = verify(token, LinkPurpose.CONFIRM);
        return Panache.withTransaction(() -> locked(link.subscriberId()).chain(s -> {
            confirmable(s);
            if (s.status == SubscriptionStatus.SUBSCRIBED) {
                return Uni.createFrom().item(s.status);
            }
            s.status = SubscriptionStatus.SUBSCRIBED;
            s.confirmedAt = Instant.now();
            s.confirmBy = null;
            LOG.infof("Subscriber %s of integration %s confirmed", s.id, s.integrationId);
            // the recipient asked for it with a link only they received: not counted against the public cap
            return Integration.<Integration>findById(s.integrationId)
                    .chain(i -> welcome.onSubscriberCreated(i, s, fields(s), true)).replaceWith(s.status);
        }));
    }

    /**
     * Unsubscribes; idempotent. The subscriber stays on file as UNSUBSCRIBED (so the address is not asked again); a
     * welcome still to follow a confirmation becomes SKIPPED_UNSUBSCRIBED. A subscriber no longer on file is simply
     * not subscribed.
     */
    public Uni<SubscriptionStatus> unsubscribe(String token) {
        LinkTokens.Link link = verify(token, LinkPurpose.UNSUBSCRIBE);
        return Panache.withTransaction(() -> locked(link.subscriberId()).map(s -> {
            if (s != null && s.status != SubscriptionStatus.UNSUBSCRIBED) {
                if (s.status == SubscriptionStatus.PENDING_CONFIRMATION) {
                    s.welcomeStatus = MailState.SKIPPED_UNSUBSCRIBED.name();
                }
                s.status = SubscriptionStatus.UNSUBSCRIBED;
                s.unsubscribedAt = Instant.now();
                s.confirmBy = null;
                LOG.infof("Subscriber %s of integration %s unsubscribed", s.id, s.integrationId);
            }
            return SubscriptionStatus.UNSUBSCRIBED;
        }));
    }

    private LinkTokens.Link verify(String token, LinkPurpose purpose) {
        if (!links.available()) {
            throw new ProblemException(503, ConfirmationMail.LINK_KEY_MISSING, "Subscription links cannot be "
                    + "checked right now: no link key is configured. Try again later.");
        }
        try {
            return links.verify(token, purpose);
        } catch (LinkTokens.RefusedException e) {
            if (e.refusal() == LinkTokens.Refusal.EXPIRED) {
                throw expired();
            }
            throw ProblemException.notFound(LINK_INVALID, "This link is not valid: it may have been cut short or "
                    + "changed. Open the link from the mail again, or copy all of it.");
        }
    }

    /** Throws unless the subscriber may still confirm (or already did). */
    private static void confirmable(Subscriber s) {
        if (s == null || (s.status == SubscriptionStatus.PENDING_CONFIRMATION
                && !Instant.now().isBefore(s.confirmBy))) {
            throw expired();
        }
        if (s.status == SubscriptionStatus.UNSUBSCRIBED) {
            throw new ProblemException(409, UNSUBSCRIBED, "This address was unsubscribed, so the subscription "
                    + "cannot be confirmed any more.");
        }
    }

    private static ProblemException expired() {
        return new ProblemException(410, LINK_EXPIRED, "This confirmation link has expired: the subscription was "
                + "not confirmed in time. Subscribe again on the website to get a new link.");
    }

    private static Uni<Subscriber> locked(UUID id) {
        return Subscriber.<Subscriber>findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Subscriber s) {
        return s.fields == null ? null : EventCodec.decode(s.fields, Map.class);
    }
}
