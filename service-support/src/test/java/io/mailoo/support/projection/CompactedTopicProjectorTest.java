package io.mailoo.support.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;

/**
 * Which records the projector base refuses before any database work (the database side, with its retry, is tested
 * against PostgreSQL and Kafka in market-service's VersionedRemovalProjectionTest).
 */
class CompactedTopicProjectorTest {

    /** Records which transactions would run instead of running them. */
    static final class Recording extends CompactedTopicProjector<ProjectChanged> {
        final List<String> transactions = new ArrayList<>();

        Recording() {
            super(ProjectChanged.class);
        }

        @Override
        protected Uni<Long> storedVersion(String key) {
            throw new AssertionError("no database in this test");
        }

        @Override
        protected Uni<?> upsert(String key, ProjectChanged event) {
            throw new AssertionError("no database in this test");
        }

        @Override
        protected Uni<?> remove(String key) {
            throw new AssertionError("no database in this test");
        }

        /** Like the real projections: the projectUid, unless the event names no owner. */
        @Override
        protected String keyOf(ProjectChanged event) {
            return Optional.ofNullable(event.ownerUserId()).map(owner -> event.projectUid()).orElse(null);
        }

        @Override
        protected long versionOf(ProjectChanged event) {
            return event.version();
        }

        @Override
        protected Uni<Void> inTransaction(Supplier<Uni<?>> work, String what) {
            transactions.add(what);
            return Uni.createFrom().voidItem();
        }
    }

    private final Recording projector = new Recording();

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(Topics.PROJECTS, 0, 7, key, value);
    }

    private static byte[] project(String uid, String owner) {
        return EventCodec.encode(new ProjectChanged(uid, "Project", owner, List.of(), 3));
    }

    @Test
    void aRecordUnderAnotherKeyThanItsEventsIsRefused() {
        projector.project(record("p-1", project("p-2", "owner"))).await().indefinitely();
        assertEquals(List.of(), projector.transactions);
    }

    @Test
    void anIncompleteEventIsRefused() {
        projector.project(record("p-1", project("p-1", null))).await().indefinitely();
        assertEquals(List.of(), projector.transactions);
    }

    @Test
    void aRecordWithoutKeyOrThatDoesNotDecodeIsRefused() {
        projector.project(record(null, project("p-1", "owner"))).await().indefinitely();
        projector.project(record("p-1", "{not json".getBytes(StandardCharsets.UTF_8))).await().indefinitely();
        assertEquals(List.of(), projector.transactions);
    }

    @Test
    void aSaveAndATombstoneUnderTheirKeyAreAppliedInATransaction() {
        projector.project(record("p-1", project("p-1", "owner"))).await().indefinitely();
        projector.project(record("p-1", null)).await().indefinitely();
        assertEquals(List.of("a record of " + Topics.PROJECTS, "a tombstone on " + Topics.PROJECTS),
                projector.transactions);
    }
}
