package io.mailoo.integration.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Project;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.smtpprofile.SmtpProfile;
import io.mailoo.support.smtpprofile.SmtpSettingsCheck;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Saves or removes an integration's outboundMail. Each change bumps the profile version and puts MailProfileChanged
 * (or a tombstone) and IntegrationChanged into the outbox, and the audit entry, in the same transaction.
 */
@ApplicationScoped
public class OutboundMailService {

    @Inject
    ProjectAccess access;

    @Inject
    DomainEvents events;

    @Inject
    SmtpSecretCipher cipher;

    @ConfigProperty(name = "mailoo.smtp.allow-private-hosts")
    boolean allowPrivateHosts;

    @Inject
    SmtpAuditTrail audit;

    /** @param input empty = remove the profile */
    @WithTransaction
    public Uni<IntegrationDetails> save(String projectUid, String integrationId, AuditActor actor,
            Optional<SmtpSettingsInput> input) {
        return access.scoped(projectUid, integrationId, actor.userId(), Role.OWNER).chain(scoped -> {
            Integration integration = MailTypes.requireSendsMail(scoped.integration());
            return OutboundMail.<OutboundMail>findById(integration.id)
                    .chain(stored -> input.isPresent()
                            ? store(scoped.project(), integration, stored, input.get(), actor)
                            : remove(scoped.project(), integration, stored, actor));
        });
    }

    private Uni<IntegrationDetails> store(Project project, Integration integration, OutboundMail stored,
            SmtpSettingsInput in, AuditActor actor) {
        PasswordChange change = SmtpSettingsCheck.check(in, stored == null ? null : stored.smtp, cipher,
                allowPrivateHosts);
        List<String> changed = SmtpProfile.changedFields(stored == null ? null : stored.smtp, in, change);
        OutboundMail mail = stored != null ? stored : new OutboundMail();
        mail.integrationId = integration.id;
        mail.smtp.apply(in, change, cipher, mail.profileRef());
        return publish(project, integration, mail, actor, changed);
    }

    /**
     * A new version of the profile (a save, an OAuth2 connect or disconnect): bumps the versions, persists it and puts
     * MailProfileChanged, IntegrationChanged and the audit entry into the caller's transaction.
     */
    Uni<IntegrationDetails> publish(Project project, Integration integration, OutboundMail mail, AuditActor actor,
            List<String> changed) {
        integration.mailProfileVersion++;
        integration.version++;
        return mail.<OutboundMail>persist()
                .call(saved -> events.mailProfileChanged(integration, saved))
                .call(() -> events.integrationChanged(project, integration))
                .call(() -> audit.saved(integration, actor, changed))
                .map(saved -> new IntegrationDetails(integration, saved));
    }

    private Uni<IntegrationDetails> remove(Project project, Integration integration, OutboundMail stored,
            AuditActor actor) {
        if (stored == null) {
            return Uni.createFrom().item(new IntegrationDetails(integration, null));
        }
        integration.mailProfileVersion++;
        integration.version++;
        return stored.delete()
                .call(() -> events.mailProfileRemoved(integration))
                .call(() -> events.integrationChanged(project, integration))
                .call(() -> audit.removed(integration, actor, stored.smtp.removedFields()))
                .map(v -> new IntegrationDetails(integration, null));
    }
}
