package io.mailoo.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsChanges;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditAction;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The audit trail of an integration's outboundMail: saves, removals and tests, by field name, never by value. */
@ApplicationScoped
public class SmtpAuditTrail {

    @Inject
    SmtpSettingsAudit audit;

    @Inject
    ProjectAccess access;

    /** The names of the fields a request changes against what is stored (all of them when nothing is). */
    public static List<String> changes(OutboundMail stored, SmtpSettingsInput in, PasswordChange password) {
        return SmtpSettingsChanges.between(stored == null ? null : stored.asInputWithoutPassword(),
                stored != null && stored.hasPassword(), in, password);
    }

    /** Joins the save's transaction. */
    public Uni<Void> saved(Integration integration, AuditActor actor, List<String> changed) {
        return audit.record(DomainEvents.profileRef(integration), AuditAction.SAVED, actor, changed, null);
    }

    /** Joins the removal's transaction. */
    public Uni<Void> removed(Integration integration, AuditActor actor) {
        return audit.record(DomainEvents.profileRef(integration), AuditAction.REMOVED, actor, List.of(), null);
    }

    /** In a transaction of its own: a test stores nothing else. */
    public Uni<Void> tested(Integration integration, AuditActor actor, List<String> changed, String outcome) {
        return audit.record(DomainEvents.profileRef(integration), AuditAction.TESTED, actor, changed, outcome);
    }

    /** Newest first; owner only (members 403, others 404). */
    @WithSession
    public Uni<List<SmtpSettingsAuditView>> list(String projectUid, String integrationId, String userId, int limit) {
        return access.integration(projectUid, integrationId, userId, Role.OWNER)
                .chain(integration -> audit.list(DomainEvents.profileRef(integration), limit));
    }
}
