package io.mailoo.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.events.MailSource;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.mailoo.support.smtpprofile.SmtpTestRequests;
import io.mailoo.support.smtpprofile.SmtpTestView;
import io.mailoo.support.smtpprofile.SmtpTests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * "Send test email" for an integration's outboundMail: the rate limits and the owner check, then the shared
 * {@link SmtpTests} (one SMTP_TEST message with the body's unsaved settings to the caller's own address).
 */
@ApplicationScoped
public class SmtpTestService {

    @Inject
    ProjectAccess access;

    @Inject
    RateLimits limits;

    @Inject
    SmtpTests tests;

    /**
     * The user's limit is counted before anything else and the project's right after the access check (so strangers
     * cannot use up a project's tests); the body is read after both, and every attempt an owner makes is audited.
     */
    public Uni<SmtpTestView> test(String projectUid, String integrationId, AuditActor actor, JsonNode body) {
        return limits.smtpTestByUser(actor.userId())
                .chain(() -> Panache.withSession(() -> access.integration(projectUid, integrationId, actor.userId(),
                        Role.OWNER)
                        .map(MailTypes::requireSendsMail)
                        .chain(integration -> OutboundMail.<OutboundMail>findById(integration.id)
                                .map(stored -> test(integration, stored, actor)))))
                .chain(test -> tests.run(test, limits.smtpTestInProject(test.projectUid()),
                        () -> SmtpSettingsJson.required(body, "outboundMail"), actor));
    }

    private static SmtpTestRequests.Test test(Integration integration, OutboundMail stored, AuditActor actor) {
        return new SmtpTestRequests.Test(DomainEvents.profileRef(integration), integration.projectId.toString(),
                new MailSource("integration-service", "smtp-test", integration.id.toString()),
                stored == null ? null : stored.smtp, actor.email(), "the integration \"" + integration.name + "\"");
    }
}
