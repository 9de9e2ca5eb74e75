package io.mailoo.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Project;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.oauth.OAuthConnect;
import io.mailoo.support.oauth.OAuthStartView;
import io.mailoo.support.smtpprofile.SmtpProfile;
import io.mailoo.support.smtpprofile.SmtpProfileView;
import io.mailoo.support.smtpprofile.SmtpSettingsCheck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * "Connect with Microsoft / Google" for an integration's outboundMail (owner only; FORM, CONTACT_FORM, MARKET): the
 * shared {@link OAuthConnect} flow, then the grant saved as the profile's login with a new profile version,
 * MailProfileChanged (the refresh token sealed) and IntegrationChanged in the outbox and the audit entry, in one
 * transaction, as a save does.
 */
@ApplicationScoped
public class OutboundMailOAuthService {

    @Inject
    ProjectAccess access;

    @Inject
    OAuthConnect connect;

    @Inject
    OutboundMailService outboundMail;

    @Inject
    SmtpSecretCipher cipher;

    /** Checks the owner first, then the body; answers the authorization URL. */
    @WithTransaction
    public Uni<OAuthStartView> start(String projectUid, String integrationId, AuditActor actor, JsonNode body) {
        return access.integration(projectUid, integrationId, actor.userId(), Role.OWNER)
                .map(MailTypes::requireSendsMail)
                .chain(integration -> connect.start(actor.userId(), DomainEvents.profileRef(integration), body));
    }

    /**
     * Takes the state (this owner, this integration), exchanges the code outside any transaction, then saves the
     * grant. A bad state or a refused code changes nothing.
     */
    public Uni<SmtpProfileView> complete(String projectUid, String integrationId, AuditActor actor, JsonNode body) {
        OAuthConnect.Completion completion = OAuthConnect.completion(body);
        return Panache.withSession(() -> access.integration(projectUid, integrationId, actor.userId(), Role.OWNER)
                .map(MailTypes::requireSendsMail))
                .chain(integration -> connect.take(completion.state(), actor.userId(),
                        DomainEvents.profileRef(integration)))
                .chain(pending -> connect.exchange(pending, completion.code()))
                .chain(grant -> Panache.withTransaction(() -> access
                        .scoped(projectUid, integrationId, actor.userId(), Role.OWNER)
                        .chain(scoped -> OutboundMail.<OutboundMail>findById(scoped.integration().id)
                                .chain(stored -> {
                                    if (!cipher.canSeal()) {
                                        throw SmtpSettingsCheck.keyMissing();
                                    }
                                    OutboundMail mail = stored != null ? stored : new OutboundMail();
                                    mail.integrationId = scoped.integration().id;
                                    List<String> changed = SmtpProfile.connectedFields(
                                            stored == null ? null : stored.smtp, grant.settings(), grant.account());
                                    mail.smtp.connectOAuth2(grant.settings(), grant.provider(), grant.account(),
                                            grant.grantId(), grant.refreshToken(), cipher, mail.profileRef());
                                    return publish(scoped.project(), scoped.integration(), mail, actor, changed);
                                }))));
    }

    /** Forgets the grant (login NONE, a new profile version); a profile without one is answered unchanged. */
    @WithTransaction
    public Uni<SmtpProfileView> disconnect(String projectUid, String integrationId, AuditActor actor) {
        return access.scoped(projectUid, integrationId, actor.userId(), Role.OWNER).chain(scoped -> {
            Integration integration = MailTypes.requireSendsMail(scoped.integration());
            return OutboundMail.<OutboundMail>findById(integration.id).chain(stored -> {
                if (stored == null) {
                    throw new ProblemException(409, "OUTBOUND_MAIL_NOT_CONFIGURED",
                            "This integration has no outbound mail settings.");
                }
                if (!stored.smtp.hasOAuth2()) {
                    return Uni.createFrom().item(SmtpProfileView.of(stored.smtp, integration.mailProfileVersion));
                }
                stored.smtp.disconnectOAuth2();
                return publish(scoped.project(), integration, stored, actor, List.of("oauth2"));
            });
        });
    }

    private Uni<SmtpProfileView> publish(Project project, Integration integration, OutboundMail mail,
            AuditActor actor, List<String> changed) {
        return outboundMail.publish(project, integration, mail, actor, changed)
                .map(details -> SmtpProfileView.of(details.outboundMail().smtp, integration.mailProfileVersion));
    }
}
