package io.mailoo.offer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.support.crypto.LegacySecretResealing;
import io.mailoo.support.crypto.LegacySecretResealing.LegacyRow;
import io.mailoo.support.outbox.Outbox;
import io.mailoo.support.smtpprofile.SmtpProfileReseal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * At startup, re-seals generator mail-settings passwords sealed before SecretBinding for their server and
 * republishes the profiles (see LegacySecretResealing); rows are locked, so replicas re-seal each row once.
 */
@ApplicationScoped
public class LegacySecretReseal {

    @Inject
    SmtpSecretCipher cipher;

    @Inject
    Outbox outbox;

    void onStart(@Observes StartupEvent event) {
        LegacySecretResealing.atStartup(cipher, this::run);
    }

    /** Runs the step now and waits; returns how many profiles were re-sealed and republished. */
    public int runNow() throws Throwable {
        return LegacySecretResealing.await(this::run);
    }

    private Uni<Integer> run() {
        return Panache.withTransaction(() -> OfferMailSettings.<OfferMailSettings>find(
                SmtpProfileReseal.LEGACY_ROWS, SecretBinding.VERSION)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(rows -> LegacySecretResealing.resealAll(cipher, rows, settings -> OfferGenerator
                        .<OfferGenerator>findById(settings.generatorId).map(generator -> row(generator, settings)))));
    }

    private List<LegacyRow> row(OfferGenerator generator, OfferMailSettings settings) {
        return SmtpProfileReseal.rows(generator.profileRef(), settings.smtp, () -> {
            generator.mailProfileVersion++;
            return outbox.add(Topics.MAIL_PROFILES, generator.profileRef(), CloudEventTypes.MAIL_PROFILE_CHANGED,
                    settings.smtp.changedEvent(generator.profileRef(), generator.projectUid,
                            generator.mailProfileVersion));
        });
    }
}
