package io.mailoo.integration.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.mail.SmtpTestRoundTrip;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * "Send test email": one SMTP_TEST message with the request's (unsaved) settings to the caller's own address,
 * through mail-dispatch, answered with the SMTP outcome. Nothing is stored; a stored password is used only for the
 * server it was saved for and travels re-sealed for this one test.
 */
@ApplicationScoped
public class SmtpTestService {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Inject
    ProjectAccess access;

    @Inject
    SmtpSecretCipher cipher;

    @ConfigProperty(name = "mailoo.smtp.allow-private-hosts")
    boolean allowPrivateHosts;

    @Inject
    SmtpTestRoundTrip roundTrip;

    @Inject
    RateLimits limits;

    @Inject
    SmtpAuditTrail audit;

    @Inject
    ContextWork work;

    /**
     * Completes with the SENT result, or fails with the problem the caller hears (502 with dispatch's code, 504
     * SMTP_TEST_TIMEOUT, 429, 422 …). The user's limit is counted before anything else and the project's right
     * after the access check (so strangers cannot use up a project's tests); every attempt an owner makes is audited.
     */
    public Uni<MailDispatchResult> test(String projectUid, String integrationId, AuditActor actor,
            SmtpSettingsInput input) {
        return limits.smtpTestByUser(actor.userId())
                .chain(() -> Panache.withSession(() -> access.integration(projectUid, integrationId, actor.userId(),
                        Role.OWNER)
                        .map(MailTypes::requireSendsMail)
                        .chain(integration -> OutboundMail.<OutboundMail>findById(integration.id)
                                .map(stored -> new Target(integration, stored)))))
                .chain(target -> work.onCallerContext(attempt(target, actor, input))
                        .onItemOrFailure().call((result, failure) -> audit.tested(target.integration(), actor,
                                testedFields(target.stored(), input), SmtpTestOutcomes.code(result, failure))));
    }

    /** The project's limit, then the request built and sent: the SENT result or the caller's problem. */
    private Uni<MailDispatchResult> attempt(Target target, AuditActor actor, SmtpSettingsInput input) {
        Integration integration = target.integration();
        return limits.smtpTestInProject(integration.projectId.toString())
                .chain(() -> roundTrip.send(request(integration, target.stored(), actor.email(), input,
                        actor.userId())))
                .map(SmtpTestOutcomes::sentOrThrow);
    }

    private record Target(Integration integration, OutboundMail stored) {
    }

    /** The fields the tested settings differ in from the stored ones (the password rule's refusal counts as kept). */
    private static List<String> testedFields(OutboundMail stored, SmtpSettingsInput in) {
        PasswordChange change = SmtpSettingsRules.passwordChange(stored == null ? null : stored.storedServer(), in);
        return SmtpAuditTrail.changes(stored, in, change == null ? PasswordChange.KEEP_STORED : change);
    }

    private SendMailRequested request(Integration integration, OutboundMail stored, String email,
            SmtpSettingsInput in, String userId) {
        if (email == null || email.isBlank()) {
            throw new ProblemException(422, "EMAIL_CLAIM_MISSING",
                    "Your sign-in token has no email claim, so there is no address to send the test email to.");
        }
        PasswordChange change = SmtpInputs.check(in, stored, cipher, allowPrivateHosts);
        UUID messageId = UUID.randomUUID();
        // bound to this one test and to the server it is sent to
        SecretBinding testBinding = SecretBinding.smtpPassword(InlineProfile.associatedData(messageId),
                in.host().trim(), in.port(), in.security(), InputRules.blankToNull(in.username()));
        SealedSecret password = switch (change) {
            case NEW -> cipher.seal(in.password().get(), testBinding);
            case KEEP_STORED -> reseal(stored, testBinding);
            case NONE -> null;
        };
        Instant now = Instant.now();
        InlineProfile profile = new InlineProfile(
                new SmtpServer(in.host().trim(), in.port(), SmtpSecurity.valueOf(in.security()),
                        InputRules.blankToNull(in.username()), password),
                new Sender(in.fromAddress(), InputRules.blankToNull(in.fromName())),
                InputRules.blankToNull(in.replyTo()));
        return new SendMailRequested(messageId, DomainEvents.profileRef(integration), 0, MailPurpose.SMTP_TEST,
                integration.projectId.toString(), new MailSource("integration-service", "smtp-test",
                        integration.id.toString()),
                List.of(email), null, null, null, "Mailoo test email",
                "This is a test email from Mailoo for the integration \"" + integration.name + "\".\n"
                        + "Your SMTP settings work: this message went through " + in.host().trim() + ".",
                null, null, profile, now, now.plus(LIFETIME));
    }

    /** The stored password opened and sealed again for this test only (never leaves the service in the clear). */
    private SealedSecret reseal(OutboundMail stored, SecretBinding testBinding) {
        if (!cipher.canSeal()) {
            throw SmtpInputs.keyMissing();
        }
        try {
            return cipher.seal(cipher.open(stored.sealedPassword(), stored.secretBinding()), testBinding);
        } catch (SecretOpenException e) {
            throw new ProblemException(409, "SMTP_PASSWORD_UNREADABLE", "The stored SMTP password cannot be "
                    + "opened with the configured keys; enter the password again.");
        }
    }
}
