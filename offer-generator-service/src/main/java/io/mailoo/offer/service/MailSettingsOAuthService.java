package io.mailoo.offer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsView;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.oauth.OAuthConnect;
import io.mailoo.support.oauth.OAuthStartView;
import io.mailoo.support.smtpprofile.SmtpProfile;
import io.mailoo.support.smtpprofile.SmtpSettingsCheck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * "Connect with Microsoft / Google" for a generator's mail settings (owner only): the shared {@link OAuthConnect}
 * flow, then the grant saved as the SMTP login with a new profile version, the profile event (refresh token sealed)
 * in the outbox and the audit entry, in one transaction, as a save does. The generator's other settings (internal
 * address, branding) are kept; a generator without settings gets SMTP settings only.
 */
@ApplicationScoped
public class MailSettingsOAuthService {

    @Inject
    GeneratorService generators;

    @Inject
    OAuthConnect connect;

    @Inject
    SmtpSecretCipher cipher;

    @Inject
    MailSettingsService settingsService;

    @WithTransaction
    public Uni<OAuthStartView> start(String projectUid, String generatorId, AuditActor actor, JsonNode body) {
        return generators.owned(projectUid, generatorId, actor.userId(), false)
                .chain(generator -> connect.start(actor.userId(), generator.profileRef(), body));
    }

    /** The state (this owner, this generator) is taken, the code exchanged outside any transaction, then saved. */
    public Uni<MailSettingsView> complete(String projectUid, String generatorId, AuditActor actor, JsonNode body) {
        OAuthConnect.Completion completion = OAuthConnect.completion(body);
        return Panache.withSession(() -> generators.owned(projectUid, generatorId, actor.userId(), false))
                .chain(generator -> connect.take(completion.state(), actor.userId(), generator.profileRef()))
                .chain(pending -> connect.exchange(pending, completion.code()))
                .chain(grant -> Panache.withTransaction(() -> generators
                        .owned(projectUid, generatorId, actor.userId(), true)
                        .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id)
                                .chain(stored -> {
                                    if (!cipher.canSeal()) {
                                        throw SmtpSettingsCheck.keyMissing();
                                    }
                                    OfferMailSettings settings = stored != null ? stored : new OfferMailSettings();
                                    settings.generatorId = generator.id;
                                    List<String> changed = SmtpProfile.connectedFields(
                                            stored == null ? null : stored.smtp, grant.settings(), grant.account());
                                    settings.smtp.connectOAuth2(grant.settings(), grant.provider(), grant.account(),
                                            grant.grantId(), grant.refreshToken(), cipher, generator.profileRef());
                                    return settingsService.publish(generator, settings, actor, changed);
                                }))));
    }

    /** Forgets the grant (login NONE, a new profile version); settings without one are answered unchanged. */
    @WithTransaction
    public Uni<MailSettingsView> disconnect(String projectUid, String generatorId, AuditActor actor) {
        return generators.owned(projectUid, generatorId, actor.userId(), true)
                .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id).chain(stored -> {
                    if (stored == null) {
                        throw MailSettingsService.notConfigured();
                    }
                    if (!stored.smtp.hasOAuth2()) {
                        return Uni.createFrom().item(MailSettingsView.of(stored, generator.mailProfileVersion));
                    }
                    stored.smtp.disconnectOAuth2();
                    return settingsService.publish(generator, stored, actor, List.of("oauth2"));
                }));
    }

}
