package io.mailoo.offer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.offer.domain.MailSettingsRules;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.rest.MailSettingsInput;
import io.mailoo.offer.rest.MailSettingsJson;
import io.mailoo.offer.rest.SmtpTestView;
import io.mailoo.support.audit.AuditAction;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.mail.SmtpTestRoundTrip;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Sends one message with unsaved settings to the caller's own address (JWT {@code email}) through dispatch and
 * answers with the SMTP outcome. Persists nothing. A stored password is only used (opened and re-sealed for this
 * one test) while the server is the one it was saved for. Rate-limited per user and per project across replicas
 * (otherwise SENT against SMTP_AUTH_FAILED would make it a password oracle run from Mailoo's address).
 */
@ApplicationScoped
public class SmtpTestService {

    static final String SOURCE_SERVICE = SubmissionMails.SOURCE_SERVICE;

    @Inject
    GeneratorService generators;

    @Inject
    SmtpSecretCipher cipher;

    @Inject
    SmtpTestRoundTrip roundTrip;

    @Inject
    OfferRateLimits limits;

    @Inject
    SmtpSettingsAudit audit;

    /**
     * Counted before any work: per user first (before even the owner check, it costs only a limiter row), per
     * project once the caller is known to own it. Each test that passes both limits is audited with its outcome.
     */
    public Uni<SmtpTestView> test(String projectUid, String generatorId, AuditActor actor, JsonNode json) {
        Context context = Vertx.currentContext();
        return limits.testByUser(actor.userId())
                .chain(() -> Panache.withSession(() -> generators.owned(projectUid, generatorId, actor.userId(), false)
                        .chain(generator -> OfferMailSettings.<OfferMailSettings>findById(generator.id)
                                .map(stored -> new Target(generator, stored)))))
                .call(target -> limits.testInProject(target.generator().projectUid))
                .chain(target -> attempt(target, actor, json, context));
    }

    private record Target(OfferGenerator generator, OfferMailSettings stored) {
    }

    private Uni<SmtpTestView> attempt(Target target, AuditActor actor, JsonNode json, Context context) {
        List<String> changed = new ArrayList<>();
        return Uni.createFrom().item(() -> {
            MailSettingsInput input = MailSettingsJson.test(json);
            SmtpSettingsInput smtp = input.smtp();
            if (smtp != null) {
                changed.addAll(MailSettingsAuditFields.smtp(target.stored(), smtp, SmtpSettingsRules.passwordChange(
                        target.stored() == null ? null : target.stored().storedServer(), smtp)));
            }
            return request(target.generator(), target.stored(), actor.email(), smtp);
        })
                .chain(request -> roundTrip.send(request).map(result -> answer(request, result)))
                // the result arrives on the Kafka consumer's thread; the audit row needs the request's context
                .emitOn(command -> context.runOnContext(v -> command.run()))
                .onItemOrFailure().call((view, failure) -> audit.record(target.generator().profileRef(),
                        AuditAction.TESTED, actor, changed, outcome(failure)));
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "SENT";
        }
        return failure instanceof ProblemException problem ? problem.code() : "INTERNAL_ERROR";
    }

    private SendMailRequested request(OfferGenerator generator, OfferMailSettings stored, String email,
            SmtpSettingsInput smtp) {
        List<FieldError> errors = MailSettingsRules.validateSmtp(smtp);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.stream()
                    .map(e -> new FieldError("mailSettings." + e.field(), e.code(), e.message())).toList());
        }
        PasswordChange change = SmtpSettingsRules.passwordChange(stored == null ? null : stored.storedServer(), smtp);
        if (change == null) {
            FieldError required = MailSettingsRules.underSmtp(SmtpSettingsRules.passwordRequired());
            throw ProblemException.invalid(List.of(new FieldError("mailSettings." + required.field(), required.code(),
                    required.message())));
        }
        if (email == null || !MailAddressValidator.isValid(email)) {
            throw new ProblemException(422, "EMAIL_CLAIM_MISSING",
                    "Your sign-in carries no usable email address to send the test message to.");
        }
        if (change != PasswordChange.NONE && !cipher.canSeal()) {
            throw MailSettingsService.keyMissing();
        }
        UUID messageId = UUID.randomUUID();
        SealedSecret password = switch (change) {
            case NEW -> cipher.seal(smtp.password().get(), InlineProfile.associatedData(messageId));
            case KEEP_STORED -> cipher.seal(openStored(generator, stored), InlineProfile.associatedData(messageId));
            case NONE -> null;
        };
        Instant now = Instant.now();
        InlineProfile profile = new InlineProfile(new SmtpServer(smtp.host().strip(), smtp.port(),
                SmtpSecurity.valueOf(smtp.security()), MailProfileEvents.emptyToNull(smtp.username()), password),
                new Sender(smtp.fromAddress(), MailProfileEvents.emptyToNull(smtp.fromName())),
                MailProfileEvents.emptyToNull(smtp.replyTo()));
        String text = "This is a test message from Mailoo for the offer generator \"" + generator.name + "\".\n"
                + "If you can read it, these SMTP settings deliver mail. Nothing was saved.\n";
        return new SendMailRequested(messageId, generator.profileRef(), 0, MailPurpose.SMTP_TEST,
                generator.projectUid, new MailSource(SOURCE_SERVICE, "offer-generator", generator.id.toString()),
                List.of(email), List.of(), List.of(), null, "Mailoo SMTP test: " + generator.name, text, null,
                Map.of(), profile, now, now.plusSeconds(60));
    }

    private String openStored(OfferGenerator generator, OfferMailSettings stored) {
        try {
            return cipher.open(stored.password(), generator.profileRef());
        } catch (SecretOpenException e) {
            throw new ProblemException(409, "SMTP_PASSWORD_UNREADABLE", "The stored password cannot be opened "
                    + "with the configured keys; enter the password again.");
        }
    }

    private static SmtpTestView answer(SendMailRequested request, MailDispatchResult result) {
        if (result == null) {
            throw new ProblemException(504, "SMTP_TEST_TIMEOUT",
                    "The SMTP server did not answer in time; nothing was saved.");
        }
        if (result.status() == MailStatus.SENT) {
            return new SmtpTestView("SENT", request.to().get(0), result.smtp() == null ? null
                    : new SmtpTestView.Smtp(result.smtp().code(), result.smtp().message()));
        }
        String code = result.errorCode() == null ? "SMTP_TEST_FAILED" : result.errorCode();
        String detail = result.smtp() != null && result.smtp().message() != null
                ? "The SMTP server answered: " + result.smtp().message()
                : "The test message was not sent (" + code + ").";
        throw new ProblemException(502, code, detail);
    }
}
