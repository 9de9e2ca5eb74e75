package io.mailoo.integration.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.smtpprofile.StrictJson;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The owner's subscription settings of a FORM integration: double opt-in on or off. */
@ApplicationScoped
public class SubscriptionSettingsService {

    static final List<String> FIELDS = List.of("doubleOptIn");

    @Inject
    ProjectAccess access;

    @Inject
    IntegrationService integrations;

    /**
     * Saves {@code {doubleOptIn}} (owner; types that take subscriptions). Applies to subscriptions from now on:
     * subscribers already waiting for their confirmation keep their link, subscribed ones stay subscribed.
     */
    @WithTransaction
    public Uni<IntegrationDetails> save(String projectUid, String integrationId, String userId, JsonNode body) {
        return access.integration(projectUid, integrationId, userId, Role.OWNER).chain(integration -> {
            if (!integration.type.acceptsSubscriptions()) {
                throw new ProblemException(422, "SUBSCRIPTIONS_NOT_SUPPORTED", "This integration takes no "
                        + "subscriptions (" + IntegrationType.namesOf(IntegrationType::acceptsSubscriptions)
                        + " does), so it has no subscription settings.");
            }
            List<FieldError> errors = new ArrayList<>();
            StrictJson.unknownFields(StrictJson.requireObject(body), FIELDS, "", errors);
            boolean doubleOptIn = StrictJson.requiredBoolean(body, "doubleOptIn", errors);
            StrictJson.throwIfAny(errors);
            integration.doubleOptIn = doubleOptIn;
            return integrations.details(integration);
        });
    }
}
