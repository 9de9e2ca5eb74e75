package io.mailoo.integration.service;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.integration.entity.Subscriber;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Subscribers keyed by (integration, lower-cased email), which the unique index {@code subscriber_integration_email}
 * enforces: of two subscriptions racing, one inserts and the other reads what the first stored.
 */
@ApplicationScoped
public class SubscriberStore {

    static final String UNIQUE_INDEX = "subscriber_integration_email";

    /** The subscriber of the address, or null; call inside a session. */
    public Uni<Subscriber> find(UUID integrationId, String lowerCasedEmail) {
        return Subscriber.<Subscriber>find("integrationId = ?1 and lower(email) = ?2", integrationId, lowerCasedEmail)
                .firstResult();
    }

    /**
     * Inserts {@code subscriber} after {@code beforeInsert} (which may set its welcome status) in one transaction;
     * when another request inserted the address first, that transaction is rolled back and the stored subscriber is
     * the answer (tell them apart by id).
     */
    public Uni<Subscriber> insertOrExisting(Subscriber subscriber, Supplier<Uni<Void>> beforeInsert) {
        return Panache.withTransaction(() -> beforeInsert.get()
                .chain(() -> subscriber.<Subscriber>persist()))
                .onFailure(SubscriberStore::isDuplicate)
                .recoverWithUni(() -> Panache.withSession(() -> find(subscriber.integrationId,
                        subscriber.email.toLowerCase(java.util.Locale.ROOT))));
    }

    private static boolean isDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(UNIQUE_INDEX)) {
                return true;
            }
        }
        return false;
    }
}
