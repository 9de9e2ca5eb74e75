package io.mailoo.dispatch.service;

import java.util.List;
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
import io.mailoo.dispatch.oauth.OAuthGrants;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.QueuedMail;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Routes each message to the one profile it names: a tenant profile's lane, the inline SMTP_TEST sender or the
 * platform sender. There is no other route: a message that cannot use its own profile fails or is refused.
 * Every message it takes is leased to this process (MessageLeases) until its outcome is written.
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
    private final MessageLeases leases;
    private final OwnedPartitions partitions;
    private final DispatchMessageRepository repository;
    private final CancelRequests cancels;
    private final Map<String, ProfileLane> lanes = new ConcurrentHashMap<>();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inMemory = new AtomicInteger();

    public DispatchEngine(Vertx vertx, DispatchSettings settings, DispatchRecorder recorder,
            InlineProfileSender inlineSender, PlatformMailSender platformSender, ProfileSuspensions suspensions,
            ProfileDirectory directory, SmtpHostGuard guard, SmtpSecretCipher cipher,
            SmtpClientFactory clientFactory, MailComposer composer, SmtpFailureClassifier classifier,
            DispatchMetrics metrics, SecretProblemNotices secretNotices, MessageLeases leases,
            OwnedPartitions partitions, DispatchMessageRepository repository, RecipientSuppressions suppressions,
            CancelRequests cancels, OAuthGrants grants, DailyRecipientCaps dailyCaps) {
        this.vertx = vertx;
        this.settings = settings;
        this.recorder = recorder;
        this.inlineSender = inlineSender;
        this.platformSender = platformSender;
        this.suspensions = suspensions;
        this.leases = leases;
        this.partitions = partitions;
        this.repository = repository;
        this.cancels = cancels;
        AttemptListener listener = new AttemptListener() {
            @Override
            public void finished(QueuedMail mail, DispatchOutcome outcome, long profileVersion, boolean attempted,
                    Runnable written) {
                DispatchEngine.this.finished(mail, outcome, profileVersion, attempted, written);
            }

            @Override
            public void abandoned(QueuedMail mail) {
                DispatchEngine.this.abandoned(mail);
            }
        };
        this.laneCollaborators = new ProfileLane.Collaborators(directory, guard, cipher, clientFactory, composer,
                classifier, settings, metrics, listener, secretNotices, leases, suppressions, cancels, grants,
                dailyCaps);
        directory.onChange(ref -> {
            ProfileLane lane = lanes.get(ref);
            if (lane != null) {
                lane.profileChanged();
            }
        });
    }

    /**
     * Takes a message, whose lease the caller has just taken, into memory for an attempt. Returns false when there
     * is no room, or when its partition is not this process's (the caller gives the lease up, and the message waits
     * in PostgreSQL for a later poll); true when taken, or when it is being handled already.
     */
    public boolean submit(QueuedMail mail) {
        UUID id = mail.request().messageId();
        if (!held.add(id)) {
            return true;
        }
        MailPurpose purpose = mail.request().purpose();
        if (!java.time.Instant.now().isBefore(mail.expiresAt())) {
            take(mail);
            finished(mail, mail.expiredOutcome(), -1, false, null);
            return true;
        }
        if (purpose == MailPurpose.SMTP_TEST) {
            take(mail);
            inlineSender.send(mail).onComplete(ar -> finished(mail,
                    ar.succeeded() ? ar.result() : DispatchOutcome.failed(ErrorCodes.SMTP_CONNECT_FAILED, null), -1,
                    true, null));
            return true;
        }
        if (ProfileRef.PLATFORM_VALUE.equals(mail.profileRef())) {
            take(mail);
            platformSender.send(mail.request()).subscribe().with(outcome -> finished(mail, outcome, -1, true, null),
                    failure -> finished(mail, DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null,
                            DispatchOutcome.RetryLadder.QUICK), -1, true, null));
            return true;
        }
        if (!partitions.owns(mail.partition())) {
            // its profile's sends belong to the replica that owns the partition (a rebalance just moved it)
            held.remove(id);
            return false;
        }
        ProfileLane lane = lanes.computeIfAbsent(mail.profileRef(),
                ref -> new ProfileLane(ref, ((VertxInternal) vertx).createEventLoopContext(), laneCollaborators));
        if (inMemory.get() >= settings.inMemoryLimit() || !lane.tryReserve()) {
            held.remove(id);
            return false;
        }
        take(mail);
        lane.enqueue(mail);
        return true;
    }

    private void take(QueuedMail mail) {
        inMemory.incrementAndGet();
        leases.hold(mail.request().messageId(), mail.leasedAt());
    }

    /**
     * This process lost these partitions to another replica: the queued messages of their profiles leave memory
     * and their leases are given up at once, so the new owner's poller takes them (sends in flight finish here).
     */
    public void letGo(Set<Integer> lostPartitions) {
        if (lostPartitions.isEmpty()) {
            return;
        }
        lanes.values().forEach(lane -> lane.dropPartitions(lostPartitions, dropped -> {
            List<UUID> ids = dropped.stream().map(mail -> mail.request().messageId()).toList();
            repository.releaseLeases(ids, leases.instanceId()).subscribe().with(
                    ok -> LOG.debugf("Gave up %d messages of partitions %s", ids.size(), lostPartitions),
                    failure -> LOG.warnf("Could not give up %d leases (they run out by themselves): %s",
                            ids.size(), FailureDescription.of(failure)));
        }));
    }

    public boolean isHeld(UUID messageId) {
        return held.contains(messageId);
    }

    public int inMemory() {
        return inMemory.get();
    }

    private void finished(QueuedMail mail, DispatchOutcome outcome, long profileVersion, boolean attempted,
            Runnable written) {
        UUID id = mail.request().messageId();
        Runnable afterWrite = () -> {
            leases.release(id, mail.leasedAt());
            if (written != null) {
                written.run();
            }
        };
        boolean recorded = false;
        try {
            int attempts = mail.attempt() + (attempted ? 1 : 0);
            // the lease is kept (and renewed) until the outcome is written, so no other process takes it meanwhile
            recorder.record(mail.request(), mail.expiresAt(), outcome, Math.max(1, attempts),
                    DispatchRecorder.isRetryable(mail.request().purpose()), afterWrite);
            recorded = true;
            if (profileVersion >= 0) {
                suspensions.observe(mail.profileRef(), profileVersion, outcome);
            }
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the outcome of %s: %s", id, FailureDescription.of(e));
            if (!recorded) {
                afterWrite.run();
            }
        } finally {
            held.remove(id);
            cancels.forget(id);
            inMemory.decrementAndGet();
        }
    }

    private void abandoned(QueuedMail mail) {
        UUID id = mail.request().messageId();
        leases.release(id, mail.leasedAt());
        held.remove(id);
        cancels.forget(id);
        inMemory.decrementAndGet();
    }

    /** Closes the clients of profiles that have been idle, so a profile nobody uses holds no sockets. */
    @Scheduled(every = "30s", delayed = "30s")
    void closeIdleClients() {
        long now = System.currentTimeMillis();
        lanes.values().forEach(lane -> lane.closeIfIdle(now));
    }
}
