package io.mailoo.offer.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
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
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * OfferGeneratorMailSettings: save (seal a new password for the profile and its server, keep the stored one only for the same
 * server), remove, read. Every change bumps the generator's profile version and puts the profile event (or a
 * tombstone) into the outbox and an entry into the audit trail (field names only), all in the same transaction.
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
        SmtpSettingsInput smtp = body.smtp();
        List<FieldError> errors = MailSettingsRules.validate(smtp, body.internalNotificationAddress(),
                body.branding(), allowPrivateHosts);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<String> changed = MailSettingsAuditFields.saved(existing, body, SmtpSettingsRules.passwordChange(
                existing == null ? null : existing.storedServer(), smtp));
        SealedSecret password = password(generator, existing, smtp);
        OfferMailSettings settings = existing != null ? existing : new OfferMailSettings();
        settings.generatorId = generator.id;
        settings.host = smtp.host().strip();
        settings.port = smtp.port();
        settings.security = smtp.security();
        settings.username = MailProfileEvents.emptyToNull(smtp.username());
        settings.password(password);
        settings.fromAddress = smtp.fromAddress();
        settings.fromName = MailProfileEvents.emptyToNull(smtp.fromName());
        settings.replyTo = MailProfileEvents.emptyToNull(smtp.replyTo());
        settings.internalNotificationAddress = MailProfileEvents.emptyToNull(body.internalNotificationAddress());
        var branding = body.branding();
        settings.companyName = branding == null ? null : MailProfileEvents.emptyToNull(branding.companyName());
        settings.logoUrl = branding == null ? null : MailProfileEvents.emptyToNull(branding.logoUrl());
        settings.primaryColor = branding == null ? null : MailProfileEvents.emptyToNull(branding.primaryColor());
        settings.footerText = branding == null ? null : MailProfileEvents.emptyToNull(branding.footerText());
        settings.updatedAt = Instant.now();
        settings.suspendedAt = null; // a new profile version lifts dispatch's suspension
        generator.mailProfileVersion++;
        return settings.persist()
                .chain(() -> outbox.add(Topics.MAIL_PROFILES, generator.profileRef(),
                        CloudEventTypes.MAIL_PROFILE_CHANGED, MailProfileEvents.changed(generator, settings)))
                .chain(() -> audit.record(generator.profileRef(), AuditAction.SAVED, actor, changed, null))
                .map(v -> MailSettingsView.of(settings, generator.mailProfileVersion));
    }

    /** The sealed password to store, by the stored-password-stays-with-its-server rule. */
    private SealedSecret password(OfferGenerator generator, OfferMailSettings existing, SmtpSettingsInput smtp) {
        PasswordChange change = SmtpSettingsRules.passwordChange(existing == null ? null : existing.storedServer(), smtp);
        if (change == null) {
            throw ProblemException.invalid(List.of(MailSettingsRules.underSmtp(SmtpSettingsRules.passwordRequired())));
        }
        return switch (change) {
            case KEEP_STORED -> existing.password();
            case NONE -> null;
            case NEW -> seal(smtp.password().get(), MailProfileEvents.binding(generator.profileRef(), smtp));
        };
    }

    SealedSecret seal(String plaintext, SecretBinding binding) {
        if (!cipher.canSeal()) {
            throw keyMissing();
        }
        return cipher.seal(plaintext, binding);
    }

    static ProblemException keyMissing() {
        return new ProblemException(503, "ENCRYPTION_KEY_MISSING", EncryptionKeyMissingException.MESSAGE);
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
