package io.mailoo.integration.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.integration.entity.Campaign;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Campaigns (owner) and the subscribers they mail (members read). */
@ApplicationScoped
public class CampaignService {

    @Inject
    ProjectAccess access;

    @WithTransaction
    public Uni<Campaign> create(String projectUid, String integrationId, String userId, String name, String trigger,
            String event, String subject, String bodyTemplate, Boolean active) {
        return access.integration(projectUid, integrationId, userId, Role.OWNER).chain(integration -> {
            requireForm(integration);
            CampaignRules.validate(name, trigger, event, subject, bodyTemplate);
            Campaign campaign = new Campaign();
            campaign.id = UUID.randomUUID();
            campaign.integrationId = integration.id;
            campaign.name = name;
            campaign.trigger = trigger;
            campaign.event = event;
            campaign.subject = subject;
            campaign.bodyTemplate = bodyTemplate;
            campaign.active = active == null || active;
            campaign.createdAt = Instant.now();
            return campaign.persist();
        });
    }

    @WithSession
    public Uni<List<Campaign>> campaigns(String projectUid, String integrationId, String userId) {
        return access.integration(projectUid, integrationId, userId, Role.MEMBER)
                .chain(i -> Campaign.list("integrationId = ?1 order by createdAt", i.id));
    }

    @WithSession
    public Uni<List<Subscriber>> subscribers(String projectUid, String integrationId, String userId) {
        return access.integration(projectUid, integrationId, userId, Role.MEMBER)
                .chain(i -> Subscriber.list("integrationId = ?1 order by createdAt desc", i.id));
    }

    private static void requireForm(Integration integration) {
        if (!integration.type.acceptsSubscriptions()) {
            throw new ProblemException(422, "CAMPAIGNS_NOT_SUPPORTED", "Campaigns mail an integration's subscribers; "
                    + "this one takes none (" + IntegrationType.namesOf(IntegrationType::acceptsSubscriptions)
                    + " does).");
        }
    }
}
