package io.mailoo.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditAction;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The audit trail of an integration's outboundMail: saves, removals and tests (SmtpTests), by field name only. */
@ApplicationScoped
public class SmtpAuditTrail {

    @Inject
    SmtpSettingsAudit audit;

    @Inject
    ProjectAccess access;

    /** Joins the save's transaction. */
    public Uni<Void> saved(Integration integration, AuditActor actor, List<String> changed) {
        return audit.record(DomainEvents.profileRef(integration), AuditAction.SAVED, actor, changed, null);
    }

    /** Joins the removal's transaction; {@code removed}: the fields that had a value. */
    public Uni<Void> removed(Integration integration, AuditActor actor, List<String> removed) {
        return audit.record(DomainEvents.profileRef(integration), AuditAction.REMOVED, actor, removed, null);
    }

    /** Newest first; owner only (members 403, others 404). */
    @WithSession
    public Uni<List<SmtpSettingsAuditView>> list(String projectUid, String integrationId, String userId, int limit) {
        return access.integration(projectUid, integrationId, userId, Role.OWNER)
                .chain(integration -> audit.list(DomainEvents.profileRef(integration), limit));
    }
}
