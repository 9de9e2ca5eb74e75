package io.mailoo.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.QueuedMail;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.mailoo.dispatch.oauth.OAuthGrantException;
import io.mailoo.dispatch.oauth.OAuthGrants;
import io.mailoo.dispatch.smtp.OAuthTokenSource;
import io.mailoo.dispatch.smtp.SmtpClient;

/**
 * Sends an SMTP_TEST message with the unsaved settings it carries: one client, one message, closed afterwards. The
 * inline profile lives only in this call; nothing of it is stored.
 */
@ApplicationScoped
public class InlineProfileSender {

    private final Vertx vertx;
    private final SmtpHostGuard guard;
    private final SmtpSecretCipher cipher;
    private final SmtpClientFactory clientFactory;
    private final MailComposer composer;
    private final SmtpFailureClassifier classifier;
    private final DispatchSettings settings;
    private final OAuthGrants grants;

    public InlineProfileSender(Vertx vertx, SmtpHostGuard guard, SmtpSecretCipher cipher,
            SmtpClientFactory clientFactory, MailComposer composer, SmtpFailureClassifier classifier,
            DispatchSettings settings, OAuthGrants grants) {
        this.settings = settings;
        this.grants = grants;
        this.vertx = vertx;
        this.guard = guard;
        this.cipher = cipher;
        this.clientFactory = clientFactory;
        this.composer = composer;
        this.classifier = classifier;
    }

    public Future<DispatchOutcome> send(QueuedMail mail) {
        InlineProfile inline = mail.request().inlineProfile();
        SmtpServer smtp = inline.smtp();
        // no network before the login rule, the sender and the password are settled
        if (SmtpSettingsRules.refusesCleartextLogin(smtp.security() == null ? null : smtp.security().name(),
                smtp.username(), smtp.password() != null || smtp.oauth2() != null, settings.allowPrivateHosts())) {
            return Future.succeededFuture(DispatchOutcome.rejected(ErrorCodes.SMTP_CLEARTEXT_LOGIN_REFUSED));
        }
        String senderProblem = composer.senderProblem(inline.from(), inline.replyTo());
        if (senderProblem != null) {
            return Future.succeededFuture(DispatchOutcome.rejected(senderProblem));
        }
        // an OAuth2 login: the grant store for a grant it holds, else the inline tokens (contract, docs/oauth2-dispatch.md)
        OAuthTokenSource oauth = smtp.oauth2() == null ? null
                : grants.inlineSource(mail.request().messageId(), mail.request().profileRef(), smtp);
        String password;
        try {
            password = smtp.password() == null || oauth != null ? null : cipher.open(smtp.password(), SecretBinding.smtpPassword(
                    InlineProfile.associatedData(mail.request().messageId()), smtp));
        } catch (SecretOpenException e) {
            return Future.succeededFuture(DispatchOutcome.failed(
                    e.keyUnknown() ? ErrorCodes.ENCRYPTION_KEY_MISSING : ErrorCodes.SMTP_PASSWORD_UNREADABLE, null));
        }
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        return context.executeBlocking(() -> guard.check(smtp.host(), smtp.port()), false)
                .compose(verdict -> {
                    if (!verdict.allowed()) {
                        return Future.succeededFuture(ErrorCodes.SMTP_CONNECT_FAILED.equals(verdict.errorCode())
                                ? DispatchOutcome.failed(ErrorCodes.SMTP_CONNECT_FAILED, null)
                                : DispatchOutcome.rejected(verdict.errorCode()));
                    }
                    SmtpClient client = clientFactory.create(smtp, password, oauth, verdict.address(), 1);
                    return client.send(composer.compose(mail.request(),
                                    composer.envelope(inline.from(), inline.replyTo())))
                            .map(DispatchOutcome::sent)
                            .otherwise(e -> e instanceof OAuthGrantException grant ? grant.outcome(mail.expiresAt())
                                    : classifier.classify(e))
                            .eventually(() -> client.close());
                });
    }
}
