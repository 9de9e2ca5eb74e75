package io.mailoo.dispatch.oauth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.MailProfile;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;
import io.mailoo.dispatch.repository.OAuthGrantRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository.StoredGrant;
import io.mailoo.dispatch.service.FailureDescription;
import io.mailoo.dispatch.service.ProfileDirectory;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Grants at risk: a grant not refreshed for DISPATCH_OAUTH_IDLE_WARNING (default 60 days; Microsoft expires refresh
 * tokens unused for 90) is refreshed to keep it alive; if that fails for another reason than invalid_grant (which
 * marks it RECONNECT_REQUIRED and tells the operator as a send would), the operator is told once, through the
 * platform SMTP, and the operators' profile view shows it at risk. Every replica checks; the row lock and the
 * re-check under it make the second one find the grant fresh.
 */
@ApplicationScoped
public class OAuthGrantKeeper {

    private static final Logger LOG = Logger.getLogger(OAuthGrantKeeper.class);

    private final OAuthGrantRepository repository;
    private final OAuthGrants grants;
    private final ProfileDirectory directory;
    private final OperatorNoticePublisher notices;
    private final DispatchSettings settings;

    public OAuthGrantKeeper(OAuthGrantRepository repository, OAuthGrants grants, ProfileDirectory directory,
            OperatorNoticePublisher notices, DispatchSettings settings) {
        this.repository = repository;
        this.grants = grants;
        this.directory = directory;
        this.notices = notices;
        this.settings = settings;
    }

    @Scheduled(every = "${mailoo.dispatch.oauth-idle-check-interval:1h}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return keepIdleGrantsAlive();
    }

    /** One round: every idle grant refreshed or reported. */
    public Uni<Void> keepIdleGrantsAlive() {
        Instant staleBefore = Instant.now().minus(settings.oauthIdleWarning());
        return repository.idleSince(staleBefore).onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(grant -> keepAlive(grant, staleBefore))
                .collect().asList().replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not check idle OAuth2 grants: %s", FailureDescription.of(e));
                    return null;
                });
    }

    private Uni<Void> keepAlive(StoredGrant grant, Instant staleBefore) {
        MailProfile profile = directory.get(grant.profileRef()).profile();
        SmtpServer smtp = profile == null ? null : profile.smtp();
        if (smtp == null || smtp.oauth2() == null || !grant.grantId().equals(smtp.oauth2().grantId())) {
            return Uni.createFrom().voidItem(); // not the profile's current grant: forgotten with the next version
        }
        return grants.keepAlive(grant.profileRef(), smtp, staleBefore).invoke(token -> {
            if (token != null) {
                LOG.infof("Kept idle OAuth2 grant %s of %s alive", grant.grantId(), grant.profileRef());
            }
        }).replaceWithVoid()
                .onFailure().recoverWithUni(e -> e instanceof OAuthGrantException g
                        && g.reason() == OAuthGrantException.Reason.RECONNECT_REQUIRED
                                ? Uni.createFrom().voidItem() : report(grant, e));
    }

    private Uni<Void> report(StoredGrant grant, Throwable failure) {
        return repository.markIdleReported(grant.grantId(), Instant.now()).invoke(first -> {
            LOG.warnf("OAuth2 grant %s of %s is idle since before %s and could not be refreshed: %s",
                    grant.grantId(), grant.profileRef(), settings.oauthIdleWarning(), FailureDescription.of(failure));
            if (first) {
                settings.operatorAddress().filter(a -> !a.isBlank()).ifPresent(address -> notices.notify(address,
                        "Mailoo: OAuth2 grant of SMTP profile " + grant.profileRef() + " at risk",
                        "The " + grant.provider() + " grant of " + grant.account() + " (mail profile "
                                + grant.profileRef() + ") has not been refreshed for longer than "
                                + settings.oauthIdleWarning() + " and refreshing it now failed ("
                                + (failure instanceof OAuthGrantException g ? g.reason() : "error")
                                + "). Providers expire unused grants (Microsoft after 90 days); if it expires, "
                                + "the profile's mail waits with OAUTH_RECONNECT_REQUIRED until the owner "
                                + "reconnects. Check the provider's app configuration (OAUTH_*).",
                        new MailSource("mail-dispatch-service", "MailProfile", grant.profileRef())));
            }
        }).replaceWithVoid();
    }
}
