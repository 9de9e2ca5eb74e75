package io.mailoo.dispatch.service;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;
import io.mailoo.dispatch.repository.MailProfileRepository;

/**
 * Stops logging in with credentials a server keeps refusing (providers lock accounts after repeated failures): after
 * N authentication failures in a row the profile version is suspended and operators are told through the platform
 * SMTP. Saving new settings (a new version) lifts it.
 */
@ApplicationScoped
public class ProfileSuspensions {

    private static final Logger LOG = Logger.getLogger(ProfileSuspensions.class);

    private final MailProfileRepository repository;
    private final ProfileDirectory directory;
    private final OperatorNoticePublisher notices;
    private final DispatchSettings settings;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public ProfileSuspensions(MailProfileRepository repository, ProfileDirectory directory,
            OperatorNoticePublisher notices, DispatchSettings settings) {
        this.repository = repository;
        this.directory = directory;
        this.notices = notices;
        this.settings = settings;
    }

    public void observe(String profileRef, long version, DispatchOutcome outcome) {
        String key = profileRef + "#" + version;
        if (ErrorCodes.SMTP_AUTH_FAILED.equals(outcome.errorCode())) {
            failing.add(key);
            repository.countAuthFailure(profileRef, version, Instant.now())
                    .chain(count -> count >= settings.authFailuresBeforeSuspension()
                            ? repository.suspend(profileRef, version, Instant.now())
                                    .invoke(changed -> {
                                        directory.suspend(profileRef, version);
                                        if (changed) {
                                            announce(profileRef, version, count);
                                        }
                                    })
                            : io.smallrye.mutiny.Uni.createFrom().item(false))
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.errorf("Could not count an authentication failure of %s: %s", profileRef,
                            FailureDescription.of(failure)));
        } else if (outcome.status() == MailStatus.SENT && failing.remove(key)) {
            repository.resetAuthFailures(profileRef, version).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("Could not reset the failure count of %s", profileRef));
        }
    }

    private void announce(String profileRef, long version, int failures) {
        LOG.warnf("Suspended mail profile %s v%d after %d authentication failures in a row; it stays suspended "
                + "until its settings are saved again", profileRef, version, failures);
        settings.operatorAddress().filter(a -> !a.isBlank()).ifPresent(address -> notices.notify(address,
                "Mailoo: SMTP profile " + profileRef + " suspended",
                "The SMTP server of mail profile " + profileRef + " (version " + version + ") refused its credentials "
                        + failures + " times in a row. Mailoo stopped logging in to protect the account from being "
                        + "locked. Its mail fails with PROFILE_SUSPENDED until the owner saves new SMTP settings.",
                new MailSource("mail-dispatch-service", "MailProfile", profileRef)));
    }
}
