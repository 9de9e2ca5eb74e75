package io.mailoo.dispatch.service;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.repository.DispatchInstanceRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * This process's identity (the lease_owner it writes) and its heartbeat in dispatch_instance. A process killed with
 * SIGKILL stops beating; after DISPATCH_INSTANCE_TIMEOUT the replica that owns its partitions takes its leases without
 * waiting for them to run out, which is what keeps recovery after a crash well inside 30 s (docs/dispatch.md).
 */
@ApplicationScoped
public class InstanceHeartbeat {

    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class);

    private final UUID instanceId = UUID.randomUUID();
    private final DispatchInstanceRepository repository;
    private final Vertx vertx;
    private final long intervalMillis;
    private final long timeoutMillis;
    /** How old this process's last confirmed heartbeat may be while it still starts sends. */
    private final long trustedNanos;
    private final AtomicBoolean beating = new AtomicBoolean();
    /** System.nanoTime at the start of the last heartbeat statement PostgreSQL confirmed; 0 = none yet. */
    private volatile long confirmedAt;
    private long timer = -1;

    public InstanceHeartbeat(DispatchInstanceRepository repository, DispatchSettings settings, Vertx vertx) {
        this.repository = repository;
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, settings.heartbeatInterval().toMillis());
        this.timeoutMillis = settings.instanceTimeout().toMillis();
        if (timeoutMillis < 3 * intervalMillis) {
            throw new IllegalStateException("DISPATCH_INSTANCE_TIMEOUT must be at least three heartbeat intervals");
        }
        this.trustedNanos = (timeoutMillis - 2 * intervalMillis) * 1_000_000L;
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("Dispatch instance %s: heartbeat every %d ms, dead after %d ms without one", instanceId,
                intervalMillis, timeoutMillis);
        beat();
        timer = vertx.setPeriodic(intervalMillis, id -> beat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public UUID instanceId() {
        return instanceId;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** True while this process's heartbeat was confirmed recently enough that no replica can think it dead. */
    public boolean trusted(long nowNanos) {
        long at = confirmedAt;
        return at != 0 && nowNanos - at < trustedNanos;
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        repository.beat(instanceId)
                .onTermination().invoke(() -> beating.set(false))
                .subscribe().with(ok -> confirmedAt = started,
                        f -> LOG.warnf("Could not write the heartbeat of instance %s (sending pauses after %d ms "
                                + "without one): %s", instanceId, trustedNanos / 1_000_000, FailureDescription.of(f)));
    }
}
