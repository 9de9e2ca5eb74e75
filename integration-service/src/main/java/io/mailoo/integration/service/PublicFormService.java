package io.mailoo.integration.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.config.LimitsConfig;
import io.mailoo.integration.entity.InboundMessage;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** What integrators' pages post, by the integration's publicKey: submissions and subscriptions. */
@ApplicationScoped
public class PublicFormService {

    static final int MAX_MESSAGE = 10_000;
    static final int MAX_FIELDS = 50;
    static final int MAX_FIELDS_JSON = 10_000;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    LimitsConfig limits;

    @Inject
    WelcomeMail welcome;

    @WithTransaction
    public Uni<InboundMessage> submit(String publicKey, String email, String name, String message,
            Map<String, Object> fields) {
        String fieldsJson = validate(publicKey, email, name, fields, InputRules.check()
                .optionalText("message", message, MAX_MESSAGE));
        return integration(publicKey, IntegrationType::acceptsSubmissions, "SUBMISSIONS_NOT_SUPPORTED",
                "This integration does not accept submissions (FORM and CONTACT_FORM do).").chain(integration -> {
            InboundMessage inbound = new InboundMessage();
            inbound.id = UUID.randomUUID();
            inbound.integrationId = integration.id;
            inbound.email = email;
            inbound.name = InputRules.blankToNull(name);
            inbound.message = message;
            inbound.fields = fieldsJson;
            inbound.receivedAt = Instant.now();
            return inbound.persist();
        });
    }

    /** A new subscriber, and the welcome mail of an active SUBSCRIBER_CREATED campaign in the same transaction. */
    @WithTransaction
    public Uni<Subscriber> subscribe(String publicKey, String email, String name, Map<String, Object> fields) {
        String fieldsJson = validate(publicKey, email, name, fields, InputRules.check());
        return integration(publicKey, IntegrationType::acceptsSubscriptions, "SUBSCRIPTIONS_NOT_SUPPORTED",
                "This integration does not accept subscriptions (FORM does).").chain(integration -> {
            Subscriber subscriber = new Subscriber();
            subscriber.id = UUID.randomUUID();
            subscriber.integrationId = integration.id;
            subscriber.email = email;
            subscriber.name = InputRules.blankToNull(name);
            subscriber.fields = fieldsJson;
            subscriber.createdAt = Instant.now();
            return welcome.onSubscriberCreated(integration, subscriber, fields)
                    .chain(() -> subscriber.<Subscriber>persist());
        });
    }

    private String validate(String publicKey, String email, String name, Map<String, Object> fields,
            InputRules rules) {
        rateLimiter.acquire("public:" + publicKey, limits.publicRequestsPerMinute());
        rules.email("email", email).optionalLine("name", name, 200);
        String json = fields == null ? null : EventCodec.encodeToString(fields);
        if (fields != null && (fields.size() > MAX_FIELDS || json.length() > MAX_FIELDS_JSON)) {
            rules.add(new FieldError("fields", "FIELDS_TOO_LARGE",
                    "At most " + MAX_FIELDS + " fields and " + MAX_FIELDS_JSON + " characters in all."));
        }
        rules.orFail();
        return json;
    }

    /** The active integration of the key (404 otherwise), if its type takes this kind of post (422 otherwise). */
    private static Uni<Integration> integration(String publicKey, Predicate<IntegrationType> accepts, String code,
            String refusal) {
        return Integration.<Integration>find("publicKey = ?1 and active = true", publicKey).<Integration>firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("FORM_NOT_FOUND", "No such form."))
                .invoke(integration -> {
                    if (!accepts.test(integration.type)) {
                        throw new ProblemException(422, code, refusal);
                    }
                });
    }
}
