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
import io.mailoo.integration.config.LimitsConfig;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
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
    RateLimiter rateLimiter;

    @Inject
    LimitsConfig limits;

    /** Completes with the final result, or null when dispatch did not answer in time. */
    public Uni<MailDispatchResult> test(String projectUid, String integrationId, String userId, String email,
            SmtpSettingsInput input) {
        return Panache.withSession(() -> access.integration(projectUid, integrationId, userId, Role.OWNER)
                .map(MailTypes::requireSendsMail)
                .chain(integration -> OutboundMail.<OutboundMail>findById(integration.id)
                        .map(stored -> request(integration, stored, email, input, userId))))
                .chain(roundTrip::send);
    }

    private SendMailRequested request(Integration integration, OutboundMail stored, String email,
            SmtpSettingsInput in, String userId) {
        if (email == null || email.isBlank()) {
            throw new ProblemException(422, "EMAIL_CLAIM_MISSING",
                    "Your sign-in token has no email claim, so there is no address to send the test email to.");
        }
        PasswordChange change = SmtpInputs.check(in, stored, cipher, allowPrivateHosts);
        rateLimiter.acquire("smtp-test:" + userId, limits.smtpTestsPerMinute());
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
            throw new ProblemException(409, "STORED_PASSWORD_UNREADABLE", "The stored SMTP password cannot be "
                    + "opened with the configured keys; enter the password again.");
        }
    }
}
