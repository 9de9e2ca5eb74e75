package io.mailoo.offer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.events.MailSource;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsJson;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.smtpprofile.SmtpTestRequests;
import io.mailoo.support.smtpprofile.SmtpTestView;
import io.mailoo.support.smtpprofile.SmtpTests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * "Send test email" for a generator's mail settings: the rate limits (per user and per project across replicas, or
 * SENT against SMTP_AUTH_FAILED would make it a password oracle run from Mailoo's address) and the owner check, then
 * the shared {@link SmtpTests}.
 */
@ApplicationScoped
public class SmtpTestService {

    @Inject
    GeneratorService generators;

    @Inject
    OfferRateLimits limits;

    @Inject
    SmtpTests tests;

    /**
     * Counted before any work: per user first (before even the owner check, it costs only a limiter row), per
     * project once the caller is known to own it; the body is read after both.
     */
    public Uni<SmtpTestView> test(String projectUid, String generatorId, AuditActor actor, JsonNode json) {
        return limits.testByUser(actor.userId())
                .chain(() -> Panache.withSession(() -> generators.owned(projectUid, generatorId, actor.userId(), false)
                        .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id)
                                .map(stored -> test(generator, stored, actor)))))
                .chain(test -> tests.run(test, limits.testInProject(test.projectUid()),
                        () -> MailSettingsJson.testSmtp(json), actor));
    }

    private static SmtpTestRequests.Test test(OfferGenerator generator, OfferMailSettings stored, AuditActor actor) {
        return new SmtpTestRequests.Test(generator.profileRef(), generator.projectUid,
                new MailSource(SubmissionMails.SOURCE_SERVICE, "offer-generator", generator.id.toString()),
                stored == null ? null : stored.smtp, actor.email(), "the offer generator \"" + generator.name + "\"");
    }
}
