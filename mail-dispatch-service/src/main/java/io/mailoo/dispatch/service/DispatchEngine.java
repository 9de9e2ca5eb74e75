package io.mailoo.dispatch.service;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.QueuedMail;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Routes each message to the one profile it names: a tenant profile's lane, the inline SMTP_TEST sender or the
 * platform sender. There is no other route: a message that cannot use its own profile fails or is refused.
 */
@ApplicationScoped
public class DispatchEngine {

    private static final Logger LOG = Logger.getLogger(DispatchEngine.class);

    private final Vertx vertx;
    private final DispatchSettings settings;
    private final DispatchRecorder recorder;
    private final InlineProfileSender inlineSender;
    private final PlatformMailSender platformSender;
    private final ProfileSuspensions suspensions;
    private final ProfileLane.Collaborators laneCollaborators;
    private final Map<String, ProfileLane> lanes = new ConcurrentHashMap<>();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inMemory = new AtomicInteger();

    public DispatchEngine(Vertx vertx, DispatchSettings settings, DispatchRecorder recorder,
            InlineProfileSender inlineSender, PlatformMailSender platformSender, ProfileSuspensions suspensions,
            ProfileDirectory directory, SmtpHostGuard guard, SmtpSecretCipher cipher,
            SmtpClientFactory clientFactory, MailComposer composer, SmtpFailureClassifier classifier,
            DispatchMetrics metrics, SecretProblemNotices secretNotices) {
        this.vertx = vertx;
        this.settings = settings;
        this.recorder = recorder;
        this.inlineSender = inlineSender;
        this.platformSender = platformSender;
        this.suspensions = suspensions;
        this.laneCollaborators = new ProfileLane.Collaborators(directory, guard, cipher, clientFactory, composer,
                classifier, settings, metrics, this::finished, secretNotices);
        directory.onChange(ref -> {
            ProfileLane lane = lanes.get(ref);
            if (lane != null) {
                lane.profileChanged();
            }
        });
    }

    /**
     * Takes a message into memory for an attempt. Returns false when there is no room (it stays in PostgreSQL for
     * a later poll); true when taken, or when it is being handled already.
     */
    public boolean submit(QueuedMail mail) {
        UUID id = mail.request().messageId();
        if (!held.add(id)) {
            return true;
        }
        MailPurpose purpose = mail.request().purpose();
        if (!java.time.Instant.now().isBefore(mail.expiresAt())) {
            inMemory.incrementAndGet();
            finished(mail, mail.expiredOutcome(), -1, false);
            return true;
        }
        if (purpose == MailPurpose.SMTP_TEST) {
            inMemory.incrementAndGet();
            inlineSender.send(mail).onComplete(ar -> finished(mail,
                    ar.succeeded() ? ar.result() : DispatchOutcome.failed(ErrorCodes.SMTP_CONNECT_FAILED, null), -1,
                    true));
            return true;
        }
        if (ProfileRef.PLATFORM_VALUE.equals(mail.profileRef())) {
            inMemory.incrementAndGet();
            platformSender.send(mail.request()).subscribe().with(outcome -> finished(mail, outcome, -1, true),
                    failure -> finished(mail, DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null,
                            DispatchOutcome.RetryLadder.QUICK), -1, true));
            return true;
        }
        ProfileLane lane = lanes.computeIfAbsent(mail.profileRef(),
                ref -> new ProfileLane(ref, ((VertxInternal) vertx).createEventLoopContext(), laneCollaborators));
        if (inMemory.get() >= settings.inMemoryLimit() || !lane.tryReserve()) {
            held.remove(id);
            return false;
        }
        inMemory.incrementAndGet();
        lane.enqueue(mail);
        return true;
    }

    public boolean isHeld(UUID messageId) {
        return held.contains(messageId);
    }

    public int inMemory() {
        return inMemory.get();
    }

    private void finished(QueuedMail mail, DispatchOutcome outcome, long profileVersion, boolean attempted) {
        try {
            int attempts = mail.attempt() + (attempted ? 1 : 0);
            recorder.record(mail.request(), mail.expiresAt(), outcome, Math.max(1, attempts),
                    DispatchRecorder.isRetryable(mail.request().purpose()));
            if (profileVersion >= 0) {
                suspensions.observe(mail.profileRef(), profileVersion, outcome);
            }
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the outcome of %s: %s", mail.request().messageId(),
                    FailureDescription.of(e));
        } finally {
            held.remove(mail.request().messageId());
            inMemory.decrementAndGet();
        }
    }

    /** Closes the clients of profiles that have been idle, so a profile nobody uses holds no sockets. */
    @Scheduled(every = "30s", delayed = "30s")
    void closeIdleClients() {
        long now = System.currentTimeMillis();
        lanes.values().forEach(lane -> lane.closeIfIdle(now));
    }
}
