package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.smallrye.mutiny.Uni;

/** The lease bookkeeping without a database: when a held message may be sent, and what a renewal changes. */
class MessageLeasesTest {

    private static final long SECOND = 1_000_000_000L;

    /** Answers every renewal with {@code answer} applied to the ids asked for, and remembers what was asked. */
    private static final class FakeRepository extends DispatchMessageRepository {
        final List<List<UUID>> renewals = new ArrayList<>();
        Function<List<UUID>, Uni<Set<UUID>>> answer = ids -> Uni.createFrom().item(Set.copyOf(ids));

        FakeRepository() {
            super(null);
        }

        @Override
        public Uni<Set<UUID>> renewLeases(List<UUID> ids, UUID owner, long leaseMillis) {
            renewals.add(List.copyOf(ids));
            return answer.apply(ids);
        }
    }

    private final FakeRepository repository = new FakeRepository();
    /** TestSettings' lease is the production default, 15 s. */
    /** Whether this process's own heartbeat is recent (InstanceHeartbeat.trusted), as the test sets it. */
    private boolean heartbeatTrusted = true;
    private final InstanceHeartbeat heartbeat = new InstanceHeartbeat(null, new TestSettings(true), null) {
        @Override
        public boolean trusted(long nowNanos) {
            return heartbeatTrusted;
        }
    };
    private final MessageLeases leases = new MessageLeases(repository, new TestSettings(true), null, heartbeat);

    @Test
    void aProcessWhoseHeartbeatIsNotConfirmedSendsNothingEvenOnAFreshLease() {
        UUID id = UUID.randomUUID();
        long takenAt = System.nanoTime();
        leases.hold(id, takenAt);
        assertTrue(leases.usable(id, takenAt + SECOND));
        heartbeatTrusted = false;
        assertFalse(leases.usable(id, takenAt + SECOND),
                "a replica may already count this process dead and have taken the message");
    }

    @Test
    void theOwnHeartbeatIsTrustedOnlyUntilTheTimeoutLessTwoIntervals() {
        InstanceHeartbeat real = new InstanceHeartbeat(null, new TestSettings(true), null);
        assertFalse(real.trusted(System.nanoTime()), "no heartbeat confirmed yet");
        assertEquals(5000, real.timeoutMillis());
    }

    @Test
    void aLeaseIsUsableForTwoThirdsOfItsLengthAfterItWasTaken() {
        UUID id = UUID.randomUUID();
        long takenAt = System.nanoTime();
        leases.hold(id, takenAt);
        assertTrue(leases.usable(id, takenAt + 9 * SECOND));
        assertFalse(leases.usable(id, takenAt + 10 * SECOND), "the last third is the margin for a late renewal");
        assertFalse(leases.usable(UUID.randomUUID(), takenAt), "not held, not usable");
        assertEquals(5000, leases.renewalMillis(), "renewed every third of the lease");
    }

    @Test
    void aRenewalMakesAnOldLeaseUsableAgainWithOneStatementForAll() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long old = System.nanoTime() - 12 * SECOND;
        leases.hold(a, old);
        leases.hold(b, old);
        assertFalse(leases.usable(a, System.nanoTime()));

        leases.renew().await().indefinitely();

        assertEquals(1, repository.renewals.size());
        assertEquals(Set.of(a, b), Set.copyOf(repository.renewals.get(0)));
        assertTrue(leases.usable(a, System.nanoTime()));
        assertTrue(leases.usable(b, System.nanoTime()));
    }

    @Test
    void aLeaseTheRenewalDidNotFindAnyMoreIsLost() {
        UUID kept = UUID.randomUUID();
        UUID taken = UUID.randomUUID();
        leases.hold(kept, System.nanoTime() - 3 * SECOND);
        leases.hold(taken, System.nanoTime() - 3 * SECOND);
        repository.answer = ids -> Uni.createFrom().item(Set.of(kept));

        leases.renew().await().indefinitely();

        assertTrue(leases.holds(kept));
        assertFalse(leases.holds(taken), "another process owns it now: it must not be sent here");
    }

    @Test
    void aFailedRenewalKeepsTheLeasesButLetsThemAge() {
        UUID id = UUID.randomUUID();
        long takenAt = System.nanoTime() - 11 * SECOND;
        leases.hold(id, takenAt);
        repository.answer = ids -> Uni.createFrom().failure(new IllegalStateException("database down"));

        leases.renew().await().indefinitely();

        assertTrue(leases.holds(id));
        assertFalse(leases.usable(id, System.nanoTime()), "no send on a lease that may have run out");
    }

    @Test
    void releaseForgetsOnlyTheLeaseItNames() {
        UUID id = UUID.randomUUID();
        long first = System.nanoTime();
        leases.hold(id, first);
        leases.hold(id, first + 1); // taken again (a later poll) before the first one's release arrived
        leases.release(id, first);
        assertTrue(leases.holds(id));
        leases.release(id, first + 1);
        assertFalse(leases.holds(id));
        assertEquals(0, leases.count());
    }

    @Test
    void leasesTakenLessThanHalfAnIntervalAgoAreLeftForTheNextRenewal() {
        UUID young = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        leases.hold(young, System.nanoTime());
        leases.hold(old, System.nanoTime() - 3 * SECOND);

        leases.renew().await().indefinitely();

        assertEquals(List.of(old), repository.renewals.get(0));
        assertTrue(leases.holds(young), "not asked about, so not lost");
        assertTrue(leases.usable(young, System.nanoTime() + 5 * SECOND), "still usable at the next renewal");
    }

    @Test
    void nothingHeldMeansNoStatement() {
        leases.renew().await().indefinitely();
        assertTrue(repository.renewals.isEmpty());
    }
}
