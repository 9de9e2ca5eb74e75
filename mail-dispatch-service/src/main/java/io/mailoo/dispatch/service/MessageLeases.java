package io.mailoo.dispatch.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The leases this process holds on dispatch_message rows (lease_owner = its instance id). A lease is short
 * (DISPATCH_LEASE) so that a dead process's mail is taken over within seconds; one batched UPDATE every lease/3
 * renews all of them, so a slow send never loses its lease while the process is alive. A message may be sent only
 * while its lease is certainly valid: renewed (or taken) less than lease − lease/3 ago, not lost to another
 * process, and this process's heartbeat recent enough that no replica counts it dead ({@link InstanceHeartbeat}).
 */
@ApplicationScoped
public class MessageLeases {

    private static final Logger LOG = Logger.getLogger(MessageLeases.class);

    /** One lease: when it was taken or last renewed (System.nanoTime at the start of that statement). */
    private static final class Lease {
        final long takenAt;
        volatile long validFrom;

        Lease(long takenAt) {
            this.takenAt = takenAt;
            this.validFrom = takenAt;
        }
    }

    private final InstanceHeartbeat heartbeat;
    private final Map<UUID, Lease> held = new ConcurrentHashMap<>();
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final DispatchMessageRepository repository;
    private final long leaseNanos;
    private final long usableNanos;
    private final Vertx vertx;
    private long timer = -1;

    public MessageLeases(DispatchMessageRepository repository, DispatchSettings settings, Vertx vertx,
            InstanceHeartbeat heartbeat) {
        this.repository = repository;
        this.heartbeat = heartbeat;
        this.vertx = vertx;
        this.leaseNanos = settings.lease().toNanos();
        // the last third is the margin for a renewal that is late or fails once
        this.usableNanos = leaseNanos - leaseNanos / 3;
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("Dispatch instance %s: leases of %d ms, renewed every %d ms", instanceId(), leaseMillis(),
                renewalMillis());
        timer = vertx.setPeriodic(renewalMillis(), id -> renew().subscribe().with(ok -> {
        }));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The lease_owner this process writes. */
    public UUID instanceId() {
        return heartbeat.instanceId();
    }

    /** A lease whose owner's heartbeat is older than this may be taken by the partition's owner (milliseconds). */
    public long instanceTimeoutMillis() {
        return heartbeat.timeoutMillis();
    }

    public long leaseMillis() {
        return leaseNanos / 1_000_000;
    }

    long renewalMillis() {
        return Math.max(1, leaseMillis() / 3);
    }

    /**
     * Notes a lease this process took in PostgreSQL.
     *
     * @param takenAt System.nanoTime before the statement that took it was sent
     */
    public void hold(UUID messageId, long takenAt) {
        held.put(messageId, new Lease(takenAt));
    }

    /** Forgets the lease taken at {@code takenAt} (its outcome is written, or it was released). */
    public void release(UUID messageId, long takenAt) {
        held.computeIfPresent(messageId, (id, lease) -> lease.takenAt == takenAt ? null : lease);
    }

    /** True while the lease is held and certainly still valid, so the message may be sent now. */
    public boolean usable(UUID messageId, long nowNanos) {
        Lease lease = held.get(messageId);
        return lease != null && nowNanos - lease.validFrom < usableNanos && heartbeat.trusted(nowNanos);
    }

    /** False once a renewal found the lease taken by another process: the message must not be sent here. */
    public boolean holds(UUID messageId) {
        return held.containsKey(messageId);
    }

    public int count() {
        return held.size();
    }

    /**
     * Renews every lease held (one statement), except those taken or renewed less than half an interval ago (most
     * messages are sent within that time, and the next renewal still comes in time for them). A lease the statement
     * did not renew is no longer this process's (it ran out and another process took it, or its outcome was just
     * written), so it is forgotten.
     */
    Uni<Void> renew() {
        if (held.isEmpty() || !renewing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        long youngest = started - renewalMillis() * 500_000L;
        List<Map.Entry<UUID, Lease>> snapshot = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Map.Entry<UUID, Lease> entry : held.entrySet()) {
            if (entry.getValue().validFrom - youngest <= 0) {
                snapshot.add(entry);
                ids.add(entry.getKey());
            }
        }
        if (ids.isEmpty()) {
            renewing.set(false);
            return Uni.createFrom().voidItem();
        }
        return repository.renewLeases(ids, instanceId(), leaseMillis())
                .invoke(renewed -> settle(snapshot, renewed, started))
                .onFailure().invoke(f -> LOG.warnf("Could not renew %d message leases (sending pauses once they "
                        + "are %d ms old): %s", ids.size(), usableNanos / 1_000_000, FailureDescription.of(f)))
                .onTermination().invoke(() -> renewing.set(false))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private void settle(List<Map.Entry<UUID, Lease>> snapshot, Set<UUID> renewed, long started) {
        int lost = 0;
        for (Map.Entry<UUID, Lease> entry : snapshot) {
            Lease lease = entry.getValue();
            if (renewed.contains(entry.getKey())) {
                lease.validFrom = Math.max(lease.validFrom, started);
            } else if (held.remove(entry.getKey(), lease)) {
                lost++;
            }
        }
        if (lost > 0) {
            LOG.debugf("%d message leases were no longer this instance's", lost);
        }
    }
}
