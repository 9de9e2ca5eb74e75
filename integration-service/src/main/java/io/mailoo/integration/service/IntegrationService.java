package io.mailoo.integration.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Integrations of a project: create, read; each created one is published as IntegrationChanged. */
@ApplicationScoped
public class IntegrationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ProjectAccess access;

    @Inject
    DomainEvents events;

    @WithTransaction
    public Uni<IntegrationDetails> create(String projectUid, String userId, String type, String name) {
        InputRules rules = InputRules.check().name("name", name, 100);
        IntegrationType parsed = parseType(type, rules);
        rules.orFail();
        return access.project(projectUid, userId, Role.OWNER).chain(project -> {
            Integration integration = new Integration();
            integration.id = TimeOrderedIds.next(); // its time lets other services answer "not yet visible"
            integration.projectId = project.id;
            integration.type = parsed;
            integration.name = name;
            integration.publicKey = newPublicKey();
            integration.active = true;
            integration.version = 1;
            integration.createdAt = Instant.now();
            return integration.<Integration>persist()
                    .call(saved -> events.integrationChanged(project, saved))
                    .map(saved -> new IntegrationDetails(saved, null));
        });
    }

    @WithSession
    public Uni<List<IntegrationDetails>> list(String projectUid, String userId) {
        return access.project(projectUid, userId, Role.MEMBER)
                .chain(project -> Integration.<Integration>list("projectId = ?1 order by createdAt", project.id))
                .chain(integrations -> (integrations.isEmpty() ? Uni.createFrom().item(List.<OutboundMail>of())
                        : OutboundMail.<OutboundMail>list("integrationId in ?1",
                                integrations.stream().map(i -> i.id).toList()))
                        .map(mails -> {
                            Map<UUID, OutboundMail> byId = mails.stream()
                                    .collect(Collectors.toMap(m -> m.integrationId, Function.identity()));
                            return integrations.stream()
                                    .map(i -> new IntegrationDetails(i, byId.get(i.id))).toList();
                        }));
    }

    @WithSession
    public Uni<IntegrationDetails> get(String projectUid, String integrationId, String userId) {
        return access.integration(projectUid, integrationId, userId, Role.MEMBER).chain(this::details);
    }

    public Uni<IntegrationDetails> details(Integration integration) {
        return OutboundMail.<OutboundMail>findById(integration.id)
                .map(mail -> new IntegrationDetails(integration, mail));
    }

    private static IntegrationType parseType(String type, InputRules rules) {
        try {
            return IntegrationType.valueOf(String.valueOf(type));
        } catch (IllegalArgumentException e) {
            rules.add(new FieldError("type", "INTEGRATION_TYPE_INVALID",
                    "type must be one of " + java.util.Arrays.toString(IntegrationType.values()) + "."));
            return null;
        }
    }

    /** 24 random bytes, URL-safe: public (it is in integrators' pages) but not guessable. */
    private static String newPublicKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
