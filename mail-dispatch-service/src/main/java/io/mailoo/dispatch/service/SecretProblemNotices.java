package io.mailoo.dispatch.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailSource;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.MailProfile;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;

/**
 * Tells operators (a PLATFORM_NOTIFICATION through the global SMTP, the suspension notice's path) that a profile's
 * sealed password does not open for the server its event names: a profile event copied beside another server, a
 * tampered one, or a secret sealed the old way. Once per profile version and process, so one bad profile cannot spam.
 */
@ApplicationScoped
public class SecretProblemNotices {

    private static final Logger LOG = Logger.getLogger(SecretProblemNotices.class);
    /** Bounds the memory of what was announced; past it the set starts over (at worst a notice is repeated). */
    static final int MAX_REMEMBERED = 10_000;

    private final OperatorNoticePublisher notices;
    private final DispatchSettings settings;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    public SecretProblemNotices(OperatorNoticePublisher notices, DispatchSettings settings) {
        this.notices = notices;
        this.settings = settings;
    }

    /** @return true when this call sent (or logged) the notice, false when it was already announced */
    public boolean unreadable(MailProfile profile) {
        if (announced.size() >= MAX_REMEMBERED) {
            announced.clear();
        }
        if (!announced.add(profile.profileRef() + "#" + profile.version())) {
            return false;
        }
        String server = profile.smtp().host() + ":" + profile.smtp().port();
        LOG.warnf("The sealed SMTP password of mail profile %s v%d does not open for %s; its mail fails with "
                + "SMTP_PASSWORD_UNREADABLE and nothing connects to that server", profile.profileRef(), profile.version(),
                server);
        settings.operatorAddress().filter(a -> !a.isBlank()).ifPresent(address -> notices.notify(address,
                "Mailoo: SMTP password of profile " + profile.profileRef() + " refused for its server",
                "The sealed SMTP password of mail profile " + profile.profileRef() + " (version " + profile.version()
                        + ") was not sealed for the server this profile version names (" + server + ", "
                        + profile.smtp().security() + ", user " + profile.smtp().username() + "). Mailoo did not "
                        + "connect to that server and its mail fails with SMTP_PASSWORD_UNREADABLE. The profile event may "
                        + "have been copied or altered on the topic; check who can write to mailoo.mail-profiles.v1. "
                        + "Saving the SMTP settings again publishes a correctly sealed version.",
                new MailSource("mail-dispatch-service", "MailProfile", profile.profileRef())));
        return true;
    }
}
