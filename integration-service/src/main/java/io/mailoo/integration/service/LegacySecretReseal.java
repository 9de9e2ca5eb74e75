package io.mailoo.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.support.crypto.LegacySecretResealing;
import io.mailoo.support.crypto.LegacySecretResealing.LegacyRow;
import io.mailoo.support.smtpprofile.SmtpProfileReseal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * At startup, re-seals outboundMail passwords sealed before SecretBinding for their server and republishes the
 * profiles (see LegacySecretResealing); rows are locked, so replicas starting together re-seal each row once.
 */
@ApplicationScoped
public class LegacySecretReseal {

    @Inject
    SmtpSecretCipher cipher;

    @Inject
    DomainEvents events;

    void onStart(@Observes StartupEvent event) {
        LegacySecretResealing.atStartup(cipher, this::run);
    }

    /** Runs the step now and waits; returns how many profiles were re-sealed and republished. */
    public int runNow() throws Throwable {
        return LegacySecretResealing.await(this::run);
    }

    private Uni<Integer> run() {
        return Panache.withTransaction(() -> OutboundMail.<OutboundMail>find(
                SmtpProfileReseal.LEGACY_ROWS, SecretBinding.VERSION)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(rows -> LegacySecretResealing.resealAll(cipher, rows, mail -> Integration
                        .<Integration>findById(mail.integrationId).map(integration -> row(integration, mail)))));
    }

    private List<LegacyRow> row(Integration integration, OutboundMail mail) {
        return SmtpProfileReseal.rows(DomainEvents.profileRef(integration), mail.smtp, () -> {
            integration.mailProfileVersion++;
            return events.mailProfileChanged(integration, mail);
        });
    }
}
