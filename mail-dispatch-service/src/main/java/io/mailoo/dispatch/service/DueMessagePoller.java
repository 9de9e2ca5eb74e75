package io.mailoo.dispatch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.domain.QueuedMail;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.DispatchMessageRepository.DueMessage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Brings back what waits in PostgreSQL: deferred messages whose time has come, messages that found no room in
 * memory, and messages whose lease ran out (an instance died while holding them) — only those of the request
 * partitions this process owns, so a profile's retries go through the same lane (and limits) as its new mail.
 */
@ApplicationScoped
public class DueMessagePoller {

    private static final Logger LOG = Logger.getLogger(DueMessagePoller.class);
    private static final int PAGE = 500;

    private final DispatchMessageRepository repository;
    private final DispatchEngine engine;
    private final DispatchRecorder recorder;
    private final ProfileDirectory directory;
    private final DispatchSettings settings;
    private final MessageLeases leases;
    private final OwnedPartitions partitions;

    public DueMessagePoller(DispatchMessageRepository repository, DispatchEngine engine, DispatchRecorder recorder,
            ProfileDirectory directory, DispatchSettings settings, MessageLeases leases,
            OwnedPartitions partitions) {
        this.repository = repository;
        this.engine = engine;
        this.recorder = recorder;
        this.directory = directory;
        this.settings = settings;
        this.leases = leases;
        this.partitions = partitions;
    }

    /**
     * Each tick drains: a full page taken in whole is followed at once by the next, while memory has room, instead of
     * one page a tick (a backlog that spilled to PostgreSQL came back at 500 messages a second, a quarter of what the
     * lanes send: the tail of the 50,000 burst in docs/benchmarks.md).
     */
    @Scheduled(every = "${mailoo.dispatch.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return directory.ready().chain(this::drain)
                .onFailure().invoke(f -> LOG.warnf("Polling due messages failed: %s", FailureDescription.of(f)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> drain() {
        if (engine.inMemory() >= settings.inMemoryLimit()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        long leasedAt = System.nanoTime();
        return repository.leaseDue(PAGE, now, leases.instanceId(), leases.leaseMillis(), partitions.asArray(),
                leases.instanceTimeoutMillis())
                .chain(due -> {
                    List<UUID> noRoom = new ArrayList<>();
                    due.forEach(message -> take(message, leasedAt, noRoom));
                    boolean more = due.size() == PAGE && noRoom.isEmpty();
                    return repository.releaseLeases(noRoom, leases.instanceId()).replaceWith(more);
                })
                .chain(more -> more ? drain() : Uni.createFrom().voidItem());
    }

    private void take(DueMessage due, long leasedAt, List<UUID> noRoom) {
        if (engine.isHeld(due.messageId())) {
            return;
        }
        SendMailRequested request;
        try {
            request = EventCodec.decode(due.request(), SendMailRequested.class);
        } catch (EventDecodingException | IllegalArgumentException | NullPointerException e) {
            LOG.errorf("Stored request %s cannot be read: %s", due.messageId(), e.getMessage());
            return;
        }
        if (request.purpose() == MailPurpose.SMTP_TEST) {
            // Its inline settings were never stored, so a test interrupted by a restart cannot be attempted again.
            recorder.record(request, due.expiresAt(), DispatchOutcome.rejected(ErrorCodes.INLINE_PROFILE_EXPIRED),
                    Math.max(1, due.attempt()), false);
            return;
        }
        if (due.cancelRequested()) {
            // the owner cancelled it while a process held it, and that process went away before it could tell
            recorder.record(request, due.expiresAt(), DispatchOutcome.cancelled(), Math.max(1, due.attempt()), false);
            return;
        }
        DispatchOutcome lastDeferral = due.lastErrorCode() == null ? null
                : DispatchOutcome.deferred(due.lastErrorCode(), due.lastReply(), null).at(due.lastStep());
        if (!engine.submit(new QueuedMail(request, due.attempt(), due.expiresAt(), lastDeferral, null,
                due.partition(), leasedAt))) {
            noRoom.add(due.messageId());
        }
    }
}
