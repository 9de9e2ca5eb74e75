package io.mailoo.support.smtpprofile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.audit.AuditAction;
import io.mailoo.support.audit.AuditActor;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.mail.SmtpTestRoundTrip;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * "Send test email" once the caller may test the profile (each service checks its user limit and access first):
 * reads the body, builds the request ({@link SmtpTestRequests}), sends it through dispatch and answers with the
 * outcome ({@link SmtpTestAnswer}); every attempt is audited with the fields it differs in and its outcome.
 */
@ApplicationScoped
public class SmtpTests {

    @Inject
    SmtpTestRoundTrip roundTrip;

    /** Produced by each service that keeps SMTP profiles (a service without one never calls this bean). */
    @Inject
    Instance<SmtpSecretCipher> cipher;

    /** MAIL_SMTP_ALLOW_PRIVATE_HOSTS: false refuses a login without TLS. */
    @ConfigProperty(name = "mailoo.smtp.allow-private-hosts", defaultValue = "false")
    boolean allowPrivateHosts;

    @Inject
    SmtpSettingsAudit audit;

    /**
     * @param projectLimit the project's rate limit, counted first; a refusal is audited like any other answer
     * @param body         reads the settings from the request body (throws its 422)
     */
    public Uni<SmtpTestView> run(SmtpTestRequests.Test test, Uni<Void> projectLimit,
            Supplier<SmtpSettingsInput> body, AuditActor actor) {
        Context context = Vertx.currentContext();
        List<String> changed = new ArrayList<>();
        Uni<SmtpTestView> answer = projectLimit.chain(() -> Uni.createFrom().item(() -> {
            SmtpSettingsInput in = body.get();
            PasswordChange change = SmtpSettingsCheck.passwordChange(test.stored(), in);
            // a test refused by the credential rule still names the fields it tried to change
            changed.addAll(SmtpProfile.changedFields(test.stored(), in,
                    change == null ? PasswordChange.KEEP_STORED : change));
            return SmtpTestRequests.build(test, in, cipher.get(), allowPrivateHosts);
        })).chain(request -> roundTrip.send(request).map(result -> SmtpTestAnswer.view(request, result)));
        // the result arrives on the Kafka consumer's thread; the audit row needs the request's context
        Uni<SmtpTestView> onCaller = context == null ? answer
                : answer.emitOn(task -> context.runOnContext(v -> task.run()));
        return onCaller.onItemOrFailure().call((view, failure) -> audit.record(test.profileRef(),
                AuditAction.TESTED, actor, changed, SmtpTestAnswer.outcome(failure)));
    }
}
