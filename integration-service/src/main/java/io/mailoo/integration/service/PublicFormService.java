package io.mailoo.integration.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.entity.InboundMessage;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.entity.Subscriber;
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

    public Uni<InboundMessage> submit(String publicKey, String email, String name, String message,
            Map<String, Object> fields) {
        return admitted(publicKey, IntegrationType::acceptsSubmissions, "SUBMISSIONS_NOT_SUPPORTED",
                "This integration does not accept submissions (FORM and CONTACT_FORM do).").chain(integration -> {
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
     * The subscriber of (integration, lower-cased email): created with its welcome mail once; a repeat answers the
     * same subscriber and sends nothing (the stored name stays).
     */
    public Uni<Subscriber> subscribe(String publicKey, String email, String name, Map<String, Object> fields) {
        return admitted(publicKey, IntegrationType::acceptsSubscriptions, "SUBSCRIPTIONS_NOT_SUPPORTED",
                "This integration does not accept subscriptions (FORM does).").chain(integration -> {
            String fieldsJson = validate(email, name, fields, InputRules.check());
            String key = email.toLowerCase(Locale.ROOT);
            return Panache.withSession(() -> subscribers.find(integration.id, key)
                    .chain(existing -> existing != null ? Uni.createFrom().item(new Lookup(existing, false))
                            : welcome.wouldSend(integration).map(send -> new Lookup(null, send))))
                    .chain(lookup -> lookup.existing() != null ? Uni.createFrom().item(lookup.existing())
                            : (lookup.mailWouldGo() ? limits.publicMailTo(key) : Uni.createFrom().item(true))
                                    .chain(withinCap -> create(integration, email, name, fields, fieldsJson,
                                            withinCap)));
        });
    }

    private record Lookup(Subscriber existing, boolean mailWouldGo) {
    }

    private Uni<Subscriber> create(Integration integration, String email, String name, Map<String, Object> fields,
            String fieldsJson, boolean withinCap) {
        Subscriber subscriber = new Subscriber();
        subscriber.id = UUID.randomUUID();
        subscriber.integrationId = integration.id;
        subscriber.email = email;
        subscriber.name = InputRules.blankToNull(name);
        subscriber.fields = fieldsJson;
        subscriber.createdAt = Instant.now();
        return subscribers.insertOrExisting(subscriber, () -> Integration.<Integration>findById(integration.id)
                .chain(current -> welcome.onSubscriberCreated(current, subscriber, fields, withinCap)));
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
