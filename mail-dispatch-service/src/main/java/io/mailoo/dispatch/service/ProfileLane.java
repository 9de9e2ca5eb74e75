package io.mailoo.dispatch.service;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.DispatchOutcome.RetryLadder;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.MailProfile;
import io.mailoo.dispatch.domain.ProfileState;
import io.mailoo.dispatch.domain.QueuedMail;
import io.mailoo.dispatch.oauth.OAuthGrantException;
import io.mailoo.dispatch.oauth.OAuthGrants;
import io.vertx.core.Context;
import io.mailoo.dispatch.smtp.SmtpClient;
import io.mailoo.dispatch.smtp.SmtpFailure;

/**
 * The queue of one profile. Everything here runs on the lane's own event-loop context, so profiles spread over the
 * cores and one slow server holds up only its own lane. It keeps the profile's SmtpClient for the current version,
 * at most maxConnections sends in flight, at most {@link #UNRECORDED_PER_CONNECTION} × maxConnections sends whose
 * outcome is not yet written (what a kill -9 can make be sent twice), and the messagesPerMinute budget. A message
 * is sent only while this process's lease on it is valid.
 */
final class ProfileLane {

    private static final Logger LOG = Logger.getLogger(ProfileLane.class);
    private static final long PROFILE_WAIT_RECHECK_MS = 200;
    private static final long LEASE_RECHECK_MS = 250;
    /** Sends not yet recorded, per connection: one in flight plus one whose outcome is being written. */
    static final int UNRECORDED_PER_CONNECTION = 2;

    /** What a lane needs from the rest of the service. */
    record Collaborators(ProfileDirectory directory, SmtpHostGuard guard, SmtpSecretCipher cipher,
            SmtpClientFactory clientFactory, MailComposer composer, SmtpFailureClassifier classifier,
            DispatchSettings settings, DispatchMetrics metrics, AttemptListener listener,
            SecretProblemNotices secretNotices, MessageLeases leases, RecipientSuppressions suppressions,
            CancelRequests cancels, OAuthGrants grants, DailyRecipientCaps dailyCaps) {
    }

    /** A client and the sends still running on it; a retired client closes when its last send ends. */
    private static final class ActiveClient {
        final SmtpClient client;
        int inFlight;
        boolean retired;
        boolean closed;

        ActiveClient(SmtpClient client) {
            this.client = client;
        }
    }

    private final String profileRef;
    private final Context context;
    private final Collaborators c;
    private final ArrayDeque<QueuedMail> queue = new ArrayDeque<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final SendRateLimiter limiter = new SendRateLimiter();

    private ActiveClient current;
    /** The profile version the lane's client and sender were prepared for; -1 for none. */
    private long preparedVersion = -1;
    private MailComposer.SenderEnvelope preparedSender;
    private DispatchOutcome preparationProblem;
    private boolean preparing;
    private boolean loadingSuppressions;
    private boolean readingDailyCount;
    private int inFlight;
    /** Sends started whose outcome is not written yet (in flight, or waiting for the recorder's batch). */
    private int unrecorded;
    private long drainTimer = -1;
    private long lastUsedMillis = System.currentTimeMillis();

    ProfileLane(String profileRef, Context context, Collaborators collaborators) {
        this.profileRef = profileRef;
        this.context = context;
        this.c = collaborators;
    }

    /** Claims room for one more message; false when the lane holds as many as it may. */
    boolean tryReserve() {
        if (reserved.incrementAndGet() > c.settings().laneQueueLimit()) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    void enqueue(QueuedMail mail) {
        context.runOnContext(v -> {
            queue.add(mail);
            drain();
        });
    }

    /** The profile changed: the next message prepares a client for the new version. */
    void profileChanged() {
        context.runOnContext(v -> {
            retireCurrent();
            preparedVersion = -1;
            preparationProblem = null;
            drain();
        });
    }

    /**
     * Drops the queued messages of partitions this process no longer owns (sends in flight finish); {@code then}
     * gets them, so their leases are given up for the new owner.
     */
    void dropPartitions(Set<Integer> partitions, Consumer<List<QueuedMail>> then) {
        context.runOnContext(v -> {
            List<QueuedMail> dropped = new ArrayList<>();
            queue.removeIf(mail -> {
                if (!partitions.contains(mail.partition())) {
                    return false;
                }
                dropped.add(mail);
                return true;
            });
            dropped.forEach(this::abandon);
            if (!dropped.isEmpty()) {
                then.accept(dropped);
            }
        });
    }

    /** Closes the client when nothing ran on it for the idle timeout. */
    void closeIfIdle(long nowMillis) {
        context.runOnContext(v -> {
            if (queue.isEmpty() && inFlight == 0 && current != null
                    && nowMillis - lastUsedMillis >= c.settings().idleClientTimeout().toMillis()) {
                retireCurrent();
                preparedVersion = -1;
            }
        });
    }

    boolean hasClient() {
        return current != null;
    }

    private void drain() {
        while (!queue.isEmpty() && !preparing) {
            QueuedMail mail = queue.peek();
            if (!c.leases().holds(mail.request().messageId())) {
                // another process took it over (this one could not renew its lease in time): not ours to send
                abandon(queue.poll());
                continue;
            }
            if (c.cancels().take(mail.request().messageId())) {
                // the owner's cancel arrived before the send
                finish(queue.poll(), DispatchOutcome.cancelled(), -1, false);
                continue;
            }
            Instant now = Instant.now();
            if (!now.isBefore(mail.expiresAt())) {
                finish(queue.poll(), mail.expiredOutcome(), -1, false);
                continue;
            }
            ProfileState state = c.directory().get(profileRef);
            MailProfile profile = state.profile();
            long wanted = mail.request().minProfileVersion();
            if (profile == null || profile.version() < wanted) {
                if (waitForProfile(mail, state, now)) {
                    return;
                }
                finish(queue.poll(), DispatchOutcome.notConfigured(), -1, false);
                continue;
            }
            if (profile.suspended()) {
                finish(queue.poll(), DispatchOutcome.failed(ErrorCodes.PROFILE_SUSPENDED, null), profile.version(),
                        false);
                continue;
            }
            if (profile.version() != preparedVersion) {
                prepare(profile);
                return;
            }
            if (preparationProblem != null) {
                finish(queue.poll(), preparationProblem, profile.version(), false);
                continue;
            }
            OAuth2Login oauth2 = profile.smtp().oauth2();
            if (oauth2 != null && c.grants().knownReconnectRequired(oauth2.grantId())) {
                // no connection for a grant the provider refused: the mail waits for a reconnect, until its expiry
                finish(queue.poll(), DispatchOutcome.deferredUntil(ErrorCodes.OAUTH_RECONNECT_REQUIRED,
                        mail.expiresAt()), profile.version(), false);
                continue;
            }
            Set<String> suppressed = c.suppressions().fresh(profileRef, System.currentTimeMillis());
            if (suppressed == null) {
                loadSuppressions();
                return;
            }
            SendMailRequested deliverable = RecipientSuppressions.deliverable(mail.request(), suppressed);
            if (deliverable == null) {
                finish(queue.poll(), DispatchOutcome.failed(ErrorCodes.RECIPIENT_SUPPRESSED, null), -1, false);
                continue;
            }
            int connections = maxConnections(profile.limits());
            if (inFlight >= connections || unrecorded >= UNRECORDED_PER_CONNECTION * connections) {
                return;
            }
            if (!c.leases().usable(mail.request().messageId(), System.nanoTime())) {
                // the lease could not be renewed lately: another process may take the message soon
                scheduleDrain(LEASE_RECHECK_MS);
                return;
            }
            Integer cap = recipientsPerDay(profile.limits());
            int counted = cap == null ? 0 : recipientCount(deliverable);
            if (cap != null) {
                DailyRecipientCaps.Verdict verdict = c.dailyCaps().check(profileRef, cap, counted,
                        System.currentTimeMillis());
                if (verdict instanceof DailyRecipientCaps.Verdict.Read read) {
                    readDailyCount(read);
                    return;
                }
                if (verdict instanceof DailyRecipientCaps.Verdict.Defer defer) {
                    Instant until = defer.until().isAfter(mail.expiresAt()) ? mail.expiresAt() : defer.until();
                    finish(queue.poll(), DispatchOutcome.deferredUntil(ErrorCodes.DAILY_LIMIT_REACHED, until),
                            profile.version(), false);
                    continue;
                }
            }
            long waitMillis = limiter.tryAcquire(System.currentTimeMillis(), messagesPerMinute(profile.limits()));
            if (waitMillis > 0) {
                scheduleDrain(waitMillis);
                return;
            }
            if (counted > 0) {
                c.dailyCaps().counting(profileRef, counted);
            }
            send(queue.poll(), deliverable, profile, counted);
        }
    }

    /** Brings the profile's suppression list up to date, then drains again; messages wait meanwhile. */
    private void loadSuppressions() {
        if (loadingSuppressions) {
            return;
        }
        loadingSuppressions = true;
        c.suppressions().reload(profileRef).subscribe().with(ok -> context.runOnContext(v -> {
            loadingSuppressions = false;
            drain();
        }), failure -> context.runOnContext(v -> {
            loadingSuppressions = false;
            LOG.warnf("Could not read the suppression list of %s (its mail waits): %s", profileRef,
                    FailureDescription.of(failure));
            scheduleDrain(1000);
        }));
    }

    /** Reads the daily count (or when the window allows) from PostgreSQL, then drains again; mail waits meanwhile. */
    private void readDailyCount(DailyRecipientCaps.Verdict.Read read) {
        if (readingDailyCount) {
            return;
        }
        readingDailyCount = true;
        read.read().subscribe().with(ok -> context.runOnContext(v -> {
            readingDailyCount = false;
            drain();
        }), failure -> context.runOnContext(v -> {
            readingDailyCount = false;
            LOG.warnf("Could not read the daily recipient count of %s (its mail waits): %s", profileRef,
                    FailureDescription.of(failure));
            scheduleDrain(1000);
        }));
    }

    private static int recipientCount(SendMailRequested request) {
        return size(request.to()) + size(request.cc()) + size(request.bcc());
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }

    /** True while the message should keep waiting for the profile version it names (the grace period). */
    private boolean waitForProfile(QueuedMail mail, ProfileState state, Instant now) {
        long wanted = mail.request().minProfileVersion();
        boolean gone = state.profile() == null
                && (wanted <= 0 || (state.removed() && state.lastKnownVersion() >= wanted));
        if (gone) {
            return false;
        }
        Instant since = mail.waitingSince() == null ? now : mail.waitingSince();
        if (!now.isBefore(since.plus(c.settings().profileGrace()))) {
            return false;
        }
        if (mail.waitingSince() == null) {
            queue.poll();
            queue.addFirst(mail.waitingFrom(now));
        }
        scheduleDrain(PROFILE_WAIT_RECHECK_MS);
        return true;
    }

    private void prepare(MailProfile profile) {
        preparing = true;
        retireCurrent();
        // everything that needs no network first: a profile refused here never even resolves its host
        Checked checked = checkBeforeConnecting(profile);
        if (checked.refusal() != null) {
            preparing = false;
            preparedVersion = profile.version();
            preparationProblem = checked.refusal();
            drain();
            return;
        }
        String password = checked.password();
        if (profile.smtp().oauth2() == null) {
            guardThenOpen(profile, password);
            return;
        }
        // an OAuth2 login: its stored (or event) tokens must open for this profile and server before any network
        c.grants().verify(profileRef, profile.smtp()).subscribe().with(problem -> context.runOnContext(v -> {
            if (problem == null) {
                guardThenOpen(profile, null);
                return;
            }
            if (ErrorCodes.SMTP_PASSWORD_UNREADABLE.equals(problem.errorCode())) {
                c.secretNotices().unreadable(profile);
            }
            preparing = false;
            preparedVersion = profile.version();
            preparationProblem = problem;
            drain();
        }), failure -> context.runOnContext(v -> {
            LOG.warnf("Could not read the OAuth2 grant of %s (its mail waits): %s", profileRef,
                    FailureDescription.of(failure));
            preparing = false;
            scheduleDrain(1000);
        }));
    }

    private void guardThenOpen(MailProfile profile, String password) {
        context.executeBlocking(() -> c.guard().check(profile.smtp().host(), profile.smtp().port()), false)
                .onComplete(ar -> {
                    preparing = false;
                    preparedVersion = profile.version();
                    preparationProblem = null;
                    if (ar.failed()) {
                        preparationProblem = DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null,
                                RetryLadder.QUICK);
                    } else if (!ar.result().allowed()) {
                        preparationProblem = ErrorCodes.SMTP_CONNECT_FAILED.equals(ar.result().errorCode())
                                ? DispatchOutcome.deferred(ErrorCodes.SMTP_CONNECT_FAILED, null, RetryLadder.QUICK)
                                : DispatchOutcome.rejected(ar.result().errorCode());
                    } else {
                        openClient(profile, password, ar.result());
                    }
                    drain();
                });
    }

    /** Either why the profile may not connect, or its opened password (null for none). */
    private record Checked(DispatchOutcome refusal, String password) {
        @Override
        public String toString() {
            return "Checked[refusal=" + refusal + ", password=" + (password == null ? "none" : "<redacted>") + "]";
        }
    }

    /** The cleartext-login rule, the sender and the sealed password: everything that needs no network. */
    private Checked checkBeforeConnecting(MailProfile profile) {
        SmtpServer smtp = profile.smtp();
        String securityProblem = RequestValidator.securityProblem(smtp);
        if (securityProblem != null) {
            return new Checked(DispatchOutcome.rejected(securityProblem), null);
        }
        if (SmtpSettingsRules.refusesCleartextLogin(smtp.security() == null ? null : smtp.security().name(),
                smtp.username(), smtp.password() != null || smtp.oauth2() != null,
                c.settings().allowPrivateHosts())) {
            return new Checked(DispatchOutcome.rejected(ErrorCodes.SMTP_CLEARTEXT_LOGIN_REFUSED), null);
        }
        String senderProblem = c.composer().senderProblem(profile.from(), profile.replyTo());
        if (senderProblem != null) {
            return new Checked(DispatchOutcome.rejected(senderProblem), null);
        }
        if (smtp.password() == null || smtp.oauth2() != null) {
            // an OAuth2 login's tokens are opened by OAuthGrants at each login, bound the same way
            return new Checked(null, null);
        }
        try {
            // bound to the server this event names: a secret put beside another server does not open
            return new Checked(null, c.cipher().open(smtp.password(),
                    SecretBinding.smtpPassword(profile.sealingContext(), smtp)));
        } catch (SecretOpenException e) {
            LOG.warnf("Cannot open the SMTP password of %s v%d for %s:%d: %s", profileRef, profile.version(),
                    smtp.host(), smtp.port(), e.getMessage());
            if (e.keyUnknown()) {
                return new Checked(DispatchOutcome.deferred(ErrorCodes.ENCRYPTION_KEY_MISSING, null, RetryLadder.SLOW), null);
            }
            c.secretNotices().unreadable(profile);
            return new Checked(DispatchOutcome.failed(ErrorCodes.SMTP_PASSWORD_UNREADABLE, null), null);
        }
    }

    private void openClient(MailProfile profile, String password, SmtpHostGuard.Verdict verdict) {
        SmtpClient client = c.clientFactory().create(profile.smtp(), password,
                profile.smtp().oauth2() == null ? null : c.grants().source(profileRef, profile.smtp()),
                verdict.address(), maxConnections(profile.limits()));
        preparedSender = c.composer().envelope(profile.from(), profile.replyTo());
        current = new ActiveClient(client);
        c.metrics().clientOpened();
    }

    private void send(QueuedMail mail, SendMailRequested deliverable, MailProfile profile, int counted) {
        ActiveClient client = current;
        inFlight++;
        unrecorded++;
        client.inFlight++;
        c.metrics().sendStarted();
        long started = System.nanoTime();
        client.client.send(c.composer().compose(deliverable, preparedSender))
                .onComplete(ar -> {
                    inFlight--;
                    client.inFlight--;
                    lastUsedMillis = System.currentTimeMillis();
                    c.metrics().sendEnded(mail.request().purpose(), System.nanoTime() - started);
                    if (ar.failed() && ar.cause() instanceof SmtpFailure failure
                            && failure.kind() == SmtpFailure.Kind.TIMEOUT && client == current) {
                        // its pool may hold the silent connection: start the next send on a fresh client
                        retireCurrent();
                        preparedVersion = -1;
                    }
                    if (client.retired && client.inFlight == 0) {
                        close(client);
                    }
                    if (ar.failed() && ar.cause() instanceof SmtpFailure failure && failure.permanentRecipientRefusal()) {
                        c.suppressions().suppress(profileRef, failure.recipient(), mail.request().messageId(),
                                failure.reply());
                    }
                    DispatchOutcome outcome = ar.succeeded() ? DispatchOutcome.sent(ar.result())
                            : ar.cause() instanceof OAuthGrantException grant ? grant.outcome(mail.expiresAt())
                            : c.classifier().classify(ar.cause());
                    if (ar.cause() instanceof OAuthGrantException grant
                            && grant.reason() == OAuthGrantException.Reason.UNREADABLE) {
                        c.secretNotices().unreadable(profile);
                    }
                    c.listener().finished(mail, outcome, profile.version(), true,
                            () -> recorded(counted, outcome.status() == MailStatus.SENT));
                    reserved.decrementAndGet();
                    drain();
                });
    }

    private void finish(QueuedMail mail, DispatchOutcome outcome, long version, boolean attempted) {
        reserved.decrementAndGet();
        c.listener().finished(mail, outcome, version, attempted, null);
    }

    private void abandon(QueuedMail mail) {
        reserved.decrementAndGet();
        c.listener().abandoned(mail);
    }

    /** A send's outcome is written (called from the recorder's thread). */
    private void recorded(int counted, boolean sent) {
        context.runOnContext(v -> {
            if (counted > 0) {
                c.dailyCaps().ended(profileRef, counted, sent, System.currentTimeMillis());
            }
            unrecorded--;
            drain();
        });
    }

    private void scheduleDrain(long delayMillis) {
        if (drainTimer >= 0) {
            return;
        }
        drainTimer = context.owner().setTimer(Math.max(1, delayMillis), id -> context.runOnContext(v -> {
            drainTimer = -1;
            drain();
        }));
    }

    private void retireCurrent() {
        if (current != null) {
            current.retired = true;
            if (current.inFlight == 0) {
                close(current);
            }
            current = null;
        }
    }

    private void close(ActiveClient client) {
        if (!client.closed) {
            client.closed = true;
            client.client.close();
            c.metrics().clientClosed();
        }
    }

    private int maxConnections(ProfileLimits limits) {
        Integer value = limits == null ? null : limits.maxConnections();
        return value == null || value < 1 ? c.settings().defaultMaxConnections() : Math.min(value, 100);
    }

    /** The daily cap; null = none (a value below 1 is none too: the owner cannot turn a profile off this way). */
    private static Integer recipientsPerDay(ProfileLimits limits) {
        Integer value = limits == null ? null : limits.recipientsPerDay();
        return value == null || value < 1 ? null : value;
    }

    private int messagesPerMinute(ProfileLimits limits) {
        Integer value = limits == null ? null : limits.messagesPerMinute();
        return value == null || value < 1 ? c.settings().defaultMessagesPerMinute() : value;
    }
}
