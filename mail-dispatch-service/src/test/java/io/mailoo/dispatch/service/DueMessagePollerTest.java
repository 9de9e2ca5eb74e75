package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.domain.QueuedMail;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.DispatchMessageRepository.DueMessage;
import io.mailoo.dispatch.repository.MailProfileRepository;
import io.mailoo.dispatch.support.Profiles;
import io.smallrye.mutiny.Uni;

/**
 * The poller without a database: one tick drains what waits in PostgreSQL page after page while memory has room,
 * and stops at the first page that is not full or that memory could not take in whole.
 */
class DueMessagePollerTest {

    private static final int PAGE = 500;

    /** Answers each leaseDue with the next page, and remembers the leases given back. */
    private static final class FakeRepository extends DispatchMessageRepository {
        final Deque<List<DueMessage>> pages = new ArrayDeque<>();
        int leaseCalls;
        final List<UUID> released = new ArrayList<>();

        FakeRepository() {
            super(null);
        }

        @Override
        public Uni<List<DueMessage>> leaseDue(int limit, Instant now, UUID owner, long leaseMillis,
                Integer[] partitions, long instanceTimeoutMillis) {
            leaseCalls++;
            return Uni.createFrom().item(pages.isEmpty() ? List.of() : pages.poll());
        }

        @Override
        public Uni<Void> releaseLeases(List<UUID> ids, UUID owner) {
            released.addAll(ids);
            return Uni.createFrom().voidItem();
        }
    }

    /** Takes up to {@code room} messages into "memory". */
    private static final class FakeEngine extends DispatchEngine {
        final List<QueuedMail> taken = new ArrayList<>();
        int room = Integer.MAX_VALUE;

        FakeEngine(ProfileDirectory directory) {
            super(null, new TestSettings(true), null, null, null, null, directory, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null);
        }

        @Override
        public boolean submit(QueuedMail mail) {
            if (taken.size() >= room) {
                return false;
            }
            taken.add(mail);
            return true;
        }

        @Override
        public boolean isHeld(UUID messageId) {
            return false;
        }

        @Override
        public int inMemory() {
            return taken.size();
        }
    }

    private final FakeRepository repository = new FakeRepository();
    private final ProfileDirectory directory = new ProfileDirectory(new MailProfileRepository(null) {
        @Override
        public Uni<List<StoredProfile>> loadAll() {
            return Uni.createFrom().item(List.of());
        }
    });
    private final FakeEngine engine = new FakeEngine(directory);
    private final DueMessagePoller poller = new DueMessagePoller(repository, engine, null, directory,
            new TestSettings(true), new MessageLeases(repository, new TestSettings(true), null,
                    new InstanceHeartbeat(null, new TestSettings(true), null)),
            new OwnedPartitions());

    private static List<DueMessage> page(int size) {
        List<DueMessage> page = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] request = EventCodec.encode(Profiles.request(Profiles.newRef(), 1, MailPurpose.WELCOME,
                    "x@customer.test", "Hi"));
            page.add(new DueMessage(UUID.randomUUID(), request, 1, Instant.now().plusSeconds(3600), null, null, null,
                    0, false));
        }
        return page;
    }

    @Test
    void oneTickTakesPageAfterPageUntilAPageIsNotFull() {
        repository.pages.addAll(List.of(page(PAGE), page(PAGE), page(200), page(PAGE)));
        poller.poll().await().indefinitely();
        assertEquals(3, repository.leaseCalls, "two full pages and the partial one that ends the backlog");
        assertEquals(1200, engine.taken.size());
        assertEquals(List.of(), repository.released);
    }

    @Test
    void aPageThatFoundNoRoomEndsTheTickAndGivesTheRestBack() {
        engine.room = 700;
        repository.pages.addAll(List.of(page(PAGE), page(PAGE), page(PAGE)));
        poller.poll().await().indefinitely();
        assertEquals(2, repository.leaseCalls);
        assertEquals(700, engine.taken.size());
        assertEquals(300, repository.released.size(), "what memory could not take waits for a later tick");
    }

    @Test
    void nothingIsLeasedWhileMemoryIsFull() {
        engine.room = 0;
        engine.taken.addAll(Collections.nCopies(new TestSettings(true).inMemoryLimit(), null));
        repository.pages.add(page(PAGE));
        poller.poll().await().indefinitely();
        assertEquals(0, repository.leaseCalls);
    }
}
