package io.mailoo.offer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.offer.domain.AnswerRules;
import io.mailoo.offer.domain.Offer;
import io.mailoo.offer.domain.OfferCalculator;
import io.mailoo.offer.domain.Wizard;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.entity.OfferSubmission;
import io.mailoo.offer.rest.SubmissionRequest;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.http.RateLimitedException;
import io.mailoo.support.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Public submissions: answers checked against the wizard, the offer priced here, the submission and its mail
 * requests stored in one transaction (outbox). Without mail settings both mails are NOT_CONFIGURED and no request
 * is made: there is no other profile to fall back to.
 */
@ApplicationScoped
public class SubmissionService {

    private static final TypeReference<Map<String, JsonNode>> ANSWERS = new TypeReference<>() {
    };

    @Inject
    GeneratorService generators;

    @Inject
    SubmissionMails mails;

    @Inject
    Outbox outbox;

    @Inject
    OfferRateLimits limits;

    @Inject
    MeterRegistry metrics;

    /**
     * The generator is resolved first, so a random id costs no limiter row; then the generator's rate, the answers,
     * the recipient's cap (over it the submission is stored with its delivery SKIPPED_RATE_LIMITED), and one
     * transaction for the submission and its mail requests. The limiters run outside any transaction (each is its
     * own statement and must count even when what follows fails).
     */
    public Uni<OfferSubmission> submit(String generatorId, SubmissionRequest request) {
        return Panache.withSession(() -> generators.byId(generatorId)
                .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id)
                        .map(settings -> new Resolved(generator, settings))))
                .call(resolved -> limits.submission(resolved.generator().id)
                        .onFailure(RateLimitedException.class).invoke(() -> count("rate_limited")))
                .chain(resolved -> {
                    SubmissionMails.Submitted submitted = priced(resolved.generator(), request);
                    Uni<Boolean> deliver = resolved.settings() == null ? Uni.createFrom().item(Boolean.FALSE)
                            : limits.delivery(resolved.generator().id, submitted.customerEmail());
                    return deliver.chain(allowed -> Panache.withTransaction(
                            () -> store(resolved.generator(), resolved.settings(), submitted, allowed)));
                });
    }

    private record Resolved(OfferGenerator generator, OfferMailSettings settings) {
    }

    private SubmissionMails.Submitted priced(OfferGenerator generator, SubmissionRequest request) {
        Wizard wizard = WizardJson.read(generator.wizard);
        List<FieldError> errors = new ArrayList<>(customerErrors(request == null ? null : request.customer()));
        // the answers arrive as plain JSON values; the rules read them as a tree, which keeps each value's JSON type
        AnswerRules.Result answers = AnswerRules.evaluate(wizard, request == null || request.answers() == null ? null
                : EventCodec.mapper().convertValue(request.answers(), ANSWERS));
        errors.addAll(answers.errors());
        if (!errors.isEmpty()) {
            count("invalid");
            throw ProblemException.invalid(errors);
        }
        Offer offer;
        try {
            offer = OfferCalculator.price(wizard, generator.basePriceMinor, generator.currency, answers.answers());
        } catch (ProblemException e) {
            count("invalid");
            throw e;
        }
        return new SubmissionMails.Submitted(UUID.randomUUID(), request.customer().email(),
                blankToNull(request.customer().name()), answers.answers(), offer);
    }

    private Uni<OfferSubmission> store(OfferGenerator generator, OfferMailSettings settings,
            SubmissionMails.Submitted s, boolean deliver) {
        OfferSubmission submission = new OfferSubmission();
        submission.id = s.submissionId();
        submission.generatorId = generator.id;
        submission.customerEmail = s.customerEmail();
        submission.customerName = s.customerName();
        submission.answers = EventCodec.encodeToString(s.answers());
        submission.offer = EventCodec.encodeToString(s.offer());
        submission.createdAt = Instant.now();
        List<SendMailRequested> requests = new ArrayList<>();
        if (settings == null) {
            submission.deliveryStatus = MailState.NOT_CONFIGURED.name();
            submission.internalStatus = MailState.NOT_CONFIGURED.name();
        } else {
            if (deliver) {
                SendMailRequested delivery = mails.delivery(generator, settings, s);
                requests.add(delivery);
                submission.deliveryMessageId = delivery.messageId();
                submission.deliveryStatus = MailState.QUEUED.name();
            } else {
                submission.deliveryStatus = MailState.SKIPPED_RATE_LIMITED.name();
            }
            if (settings.internalNotificationAddress == null) {
                submission.internalStatus = MailState.NONE.name();
            } else {
                SendMailRequested internal = mails.internal(generator, settings, s);
                requests.add(internal);
                submission.internalMessageId = internal.messageId();
                submission.internalStatus = MailState.QUEUED.name();
            }
        }
        Uni<Void> chain = submission.persist().replaceWithVoid();
        for (SendMailRequested request : requests) {
            chain = chain.chain(() -> outbox.add(Topics.MAIL_REQUESTS, request.profileRef(),
                    CloudEventTypes.SEND_MAIL_REQUESTED, request));
        }
        return chain.invoke(() -> count(settings == null ? "accepted_not_configured" : "accepted"))
                .replaceWith(submission);
    }

    @WithSession
    public Uni<List<OfferSubmission>> list(String projectUid, String generatorId, String userId) {
        return generators.owned(projectUid, generatorId, userId, false).chain(generator -> OfferSubmission
                .<OfferSubmission>find("generatorId = ?1 order by createdAt desc", generator.id).page(0, 500).list());
    }

    private static List<FieldError> customerErrors(SubmissionRequest.Customer customer) {
        List<FieldError> errors = new ArrayList<>();
        if (customer == null || customer.email() == null || customer.email().isBlank()) {
            errors.add(new FieldError("customer.email", "CUSTOMER_EMAIL_REQUIRED", "Enter your email address."));
        } else if (!MailAddressValidator.isPublicRecipient(customer.email())) {
            errors.add(new FieldError("customer.email", "CUSTOMER_EMAIL_INVALID",
                    "Enter a plain email address such as you@example.com."));
        }
        if (customer != null && customer.name() != null && (customer.name().length() > 100
                || HeaderValueValidator.hasControlCharacter(customer.name()))) {
            errors.add(new FieldError("customer.name", "CUSTOMER_NAME_INVALID",
                    "The name must be at most 100 characters on one line."));
        }
        return errors;
    }

    private void count(String outcome) {
        metrics.counter("mailoo_offer_submissions_total", "outcome", outcome).increment();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
