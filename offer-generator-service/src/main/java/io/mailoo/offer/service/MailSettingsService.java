package io.mailoo.offer.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.domain.MailSettingsRules;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsInput;
import io.mailoo.offer.rest.MailSettingsJson;
import io.mailoo.offer.rest.MailSettingsView;
import io.mailoo.support.audit.AuditAction;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.outbox.Outbox;
import io.mailoo.support.smtpprofile.SmtpSettingsCheck;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * OfferGeneratorMailSettings: save (the SMTP part by service-support's smtpprofile component: a new password sealed
 * for the profile and its server, the stored one kept only for the same server), remove, read. Every change bumps
 * the generator's profile version and puts the profile event (or a tombstone) into the outbox and an entry into the
 * audit trail (field names only), all in the same transaction.
 */
@ApplicationScoped
public class MailSettingsService {

    @ConfigProperty(name = "mailoo.smtp.allow-private-hosts")
    boolean allowPrivateHosts;

    @Inject
    GeneratorService generators;

    @Inject
    SmtpSecretCipher cipher;

    @Inject
    Outbox outbox;

    @Inject
    SmtpSettingsAudit audit;

    @WithSession
    public Uni<MailSettingsView> get(String projectUid, String generatorId, String userId) {
        return generators.owned(projectUid, generatorId, userId, false)
                .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id).map(settings -> {
                    if (settings == null) {
                        throw notConfigured();
                    }
                    return MailSettingsView.of(settings, generator.mailProfileVersion);
                }));
    }

    /** The body is read only after the owner check, so a stranger learns nothing from a 422. */
    @WithTransaction
    public Uni<MailSettingsView> save(String projectUid, String generatorId, AuditActor actor, JsonNode json) {
        return generators.owned(projectUid, generatorId, actor.userId(), true)
                .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id)
                        .chain(existing -> apply(generator, existing, MailSettingsJson.settings(json), actor)));
    }

    private Uni<MailSettingsView> apply(OfferGenerator generator, OfferMailSettings existing, MailSettingsInput body,
            AuditActor actor) {
        List<FieldError> others = MailSettingsRules.validate(body.internalNotificationAddress(), body.branding());
        SmtpSettingsInput smtp = body.smtp();
        if (smtp == null) {
            List<FieldError> errors = new ArrayList<>(List.of(SmtpSettingsJson.settingsRequired("smtp")));
            errors.addAll(others);
            throw ProblemException.invalid(errors);
        }
        PasswordChange change = SmtpSettingsCheck.check(smtp, existing == null ? null : existing.smtp, cipher,
                allowPrivateHosts, others);
        List<String> changed = MailSettingsAuditFields.saved(existing, body, change);
        OfferMailSettings settings = existing != null ? existing : new OfferMailSettings();
        settings.generatorId = generator.id;
        settings.smtp.apply(smtp, change, cipher, generator.profileRef());
        settings.internalNotificationAddress = blankToNull(body.internalNotificationAddress());
        var branding = body.branding();
        settings.companyName = branding == null ? null : blankToNull(branding.companyName());
        settings.logoUrl = branding == null ? null : blankToNull(branding.logoUrl());
        settings.primaryColor = branding == null ? null : blankToNull(branding.primaryColor());
        settings.footerText = branding == null ? null : blankToNull(branding.footerText());
        return publish(generator, settings, actor, changed);
    }

    /**
     * A new version of the profile (a save, an OAuth2 connect or disconnect): bumps the version, persists the settings
     * and puts the profile event and the audit entry into the caller's transaction.
     */
    Uni<MailSettingsView> publish(OfferGenerator generator, OfferMailSettings settings, AuditActor actor,
            List<String> changed) {
        generator.mailProfileVersion++;
        return settings.persist()
                .chain(() -> outbox.add(Topics.MAIL_PROFILES, generator.profileRef(),
                        CloudEventTypes.MAIL_PROFILE_CHANGED, settings.smtp.changedEvent(generator.profileRef(),
                                generator.projectUid, generator.mailProfileVersion)))
                .chain(() -> audit.record(generator.profileRef(), AuditAction.SAVED, actor, changed, null))
                .map(v -> MailSettingsView.of(settings, generator.mailProfileVersion));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @WithTransaction
    public Uni<Void> remove(String projectUid, String generatorId, AuditActor actor) {
        return generators.owned(projectUid, generatorId, actor.userId(), true)
                .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id).chain(existing -> {
                    if (existing == null) {
                        throw notConfigured();
                    }
                    generator.mailProfileVersion++;
                    List<String> removed = MailSettingsAuditFields.removed(existing);
                    return existing.delete()
                            .chain(() -> outbox.addTombstone(Topics.MAIL_PROFILES, generator.profileRef(),
                                    generator.mailProfileVersion))
                            .chain(() -> audit.record(generator.profileRef(), AuditAction.REMOVED, actor, removed,
                                    null));
                }));
    }

    /** The audit trail of the generator's settings, newest first (owner only; {@code limit} already checked). */
    @WithSession
    public Uni<List<SmtpSettingsAuditView>> audit(String projectUid, String generatorId, String userId, int limit) {
        return generators.owned(projectUid, generatorId, userId, false)
                .chain(generator -> audit.list(generator.profileRef(), limit));
    }

    static ProblemException notConfigured() {
        return ProblemException.notFound("MAIL_SETTINGS_NOT_CONFIGURED",
                "This offer generator has no mail settings.");
    }
}
