package io.mailoo.integration.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.entity.InboundMessage;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.entity.SubscriptionStatus;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What integrators' pages post, by the integration's publicKey: submissions and subscriptions. The key is resolved
 * first, then the key's rate limit counted (outside any transaction), then the post checked and stored.
 */
@ApplicationScoped
public class PublicFormService {

    static final int MAX_MESSAGE = 10_000;
    static final int MAX_FIELDS = 50;
    static final int MAX_FIELDS_JSON = 10_000;

    @Inject
    RateLimits limits;

    @Inject
    WelcomeMail welcome;

    @Inject
    SubscriberStore subscribers;

    @Inject
    ConfirmationMail confirmation;

    @Inject
    SubscriberLifecycle lifecycle;

    public Uni<InboundMessage> submit(String publicKey, String email, String name, String message,
            Map<String, Object> fields) {
        return admitted(publicKey, IntegrationType::acceptsSubmissions, "SUBMISSIONS_NOT_SUPPORTED",
                "This integration does not accept submissions ("
                        + IntegrationType.namesOf(IntegrationType::acceptsSubmissions) + " do).").chain(integration -> {
            String fieldsJson = validate(email, name, fields, InputRules.check()
                    .optionalText("message", message, MAX_MESSAGE));
            InboundMessage inbound = new InboundMessage();
            inbound.id = UUID.randomUUID();
            inbound.integrationId = integration.id;
            inbound.email = email;
            inbound.name = InputRules.blankToNull(name);
            inbound.message = message;
            inbound.fields = fieldsJson;
            inbound.receivedAt = Instant.now();
            return Panache.withTransaction(inbound::persist);
        });
    }

    /**
     * The subscriber of (integration, lower-cased email): created with its welcome mail (or, with double opt-in, its
     * confirmation mail) once; a repeat answers the same subscriber and sends nothing (the stored name stays), also
     * for one who unsubscribed.
     */
    public Uni<Subscriber> subscribe(String publicKey, String email, String name, Map<String, Object> fields) {
        return admitted(publicKey, IntegrationType::acceptsSubscriptions, "SUBSCRIPTIONS_NOT_SUPPORTED",
                "This integration does not accept subscriptions ("
                        + IntegrationType.namesOf(IntegrationType::acceptsSubscriptions) + " does).")
                .chain(integration -> {
            String fieldsJson = validate(email, name, fields, InputRules.check());
            return Panache.withSession(() -> subscribers.find(integration.id, email.toLowerCase(Locale.ROOT)))
                    .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                            : create(integration.id, email, name, fields, fieldsJson));
        });
    }

    /**
     * Two steps, so that only the subscription that really inserts counts against the recipient's cap (racing
     * repeats must not use it up): the subscriber with what its first mail will be — the welcome, or with double
     * opt-in the confirmation — then, outside any transaction, the cap, then that mail in a second transaction.
     */
    private Uni<Subscriber> create(UUID integrationId, String email, String name, Map<String, Object> fields,
            String fieldsJson) {
        Subscriber subscriber = new Subscriber();
        subscriber.id = UUID.randomUUID();
        subscriber.integrationId = integrationId;
        subscriber.email = email;
        subscriber.name = InputRules.blankToNull(name);
        subscriber.fields = fieldsJson;
        subscriber.createdAt = Instant.now();
        boolean[] mailWouldGo = new boolean[1];
        return subscribers.insertOrExisting(subscriber, () -> Integration.<Integration>findById(integrationId)
                .chain(integration -> {
                    lifecycle.start(integration, subscriber);
                    boolean confirm = subscriber.status == SubscriptionStatus.PENDING_CONFIRMATION;
                    return (confirm ? confirmation.wouldSend(integration) : welcome.wouldSend(integration))
                            .chain(send -> {
                                mailWouldGo[0] = send;
                                if (send) { // decided in the second step
                                    if (confirm) {
                                        subscriber.confirmationStatus = MailState.QUEUED.name();
                                    } else {
                                        subscriber.welcomeStatus = MailState.QUEUED.name();
                                    }
                                    return Uni.createFrom().voidItem();
                                }
                                return firstMail(integration, subscriber, fields, true);
                            });
                }))
                .chain(stored -> !stored.id.equals(subscriber.id) || !mailWouldGo[0] ? Uni.createFrom().item(stored)
                        // locked: the row is written back whole, so nothing may change it in between
                        : limits.publicMailTo(email).chain(withinCap -> Panache.withTransaction(
                                () -> Subscriber.<Subscriber>findById(stored.id, LockModeType.PESSIMISTIC_WRITE)
                                        .call(s -> Integration.<Integration>findById(integrationId).chain(
                                                integration -> firstMail(integration, s, fields, withinCap))))));
    }

    private Uni<Void> firstMail(Integration integration, Subscriber subscriber, Map<String, Object> fields,
            boolean withinCap) {
        return subscriber.status == SubscriptionStatus.PENDING_CONFIRMATION
                ? confirmation.onSubscribed(integration, subscriber, withinCap)
                : welcome.onSubscriberCreated(integration, subscriber, fields, withinCap);
    }

    private static String validate(String email, String name, Map<String, Object> fields, InputRules rules) {
        rules.publicEmail("email", email).optionalLine("name", name, 200);
        String json = fields == null ? null : EventCodec.encodeToString(fields);
        if (fields != null && (fields.size() > MAX_FIELDS || json.length() > MAX_FIELDS_JSON)) {
            rules.add(new FieldError("fields", "FIELDS_TOO_LARGE",
                    "At most " + MAX_FIELDS + " fields and " + MAX_FIELDS_JSON + " characters in all."));
        }
        rules.orFail();
        return json;
    }

    /**
     * The active integration of the key (404 otherwise) with one post counted against it, if its type takes this
     * kind of post (422 otherwise).
     */
    private Uni<Integration> admitted(String publicKey, Predicate<IntegrationType> accepts, String code,
            String refusal) {
        return Panache.withSession(() -> Integration.<Integration>find("publicKey = ?1 and active = true", publicKey)
                .<Integration>firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("FORM_NOT_FOUND", "No such form."))
                .call(integration -> limits.publicPost(integration.id.toString()))
                .invoke(integration -> {
                    if (!accepts.test(integration.type)) {
                        throw new ProblemException(422, code, refusal);
                    }
                });
    }
}
