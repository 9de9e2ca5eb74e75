package io.mailoo.market;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.market.support.MarketFixtures;
import io.mailoo.market.support.MarketTestBase;
import io.mailoo.testsupport.PartitionedRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The projector base (service-support's CompactedTopicProjector) through the real broker and PostgreSQL, for each of
 * market-service's projections: versioned removals delivered out of version order, a record under the wrong key, a
 * database error; a probe on the same partition shows when every earlier record of a key was handled.
 */
@QuarkusTest
class VersionedRemovalProjectionTest extends MarketTestBase {

    /** One projection: its topic, how to make a save of a key, and where its row is. */
    enum Projection {
        INTEGRATIONS(Topics.INTEGRATIONS, "integration_view",
                "select version, true from integration_view where integration_id = $1"),
        MAIL_PROFILES(Topics.MAIL_PROFILES, "mail_profile_state",
                "select version, configured from mail_profile_state where profile_ref = $1"),
        PROJECTS(Topics.PROJECTS, "project_access", "select version, true from project_access where project_uid = $1");

        final String topic;
        final String table;
        final String row;

        Projection(String topic, String table, String row) {
            this.topic = topic;
            this.table = table;
            this.row = row;
        }

        String newKey() {
            String id = UUID.randomUUID().toString();
            return this == MAIL_PROFILES ? "integration:" + id : id;
        }

        Object save(String key, long version) {
            return switch (this) {
                case INTEGRATIONS -> new IntegrationChanged(key, "project-1", "owner-1", List.of(), "MARKET", "Shop",
                        "pk-" + key, true, version);
                case MAIL_PROFILES -> new MailProfileChanged(key, "project-1", version,
                        new SmtpServer("127.0.0.1", 2525, SmtpSecurity.NONE, null, null),
                        new Sender("shop@example.test", "Shop"), null, null);
                case PROJECTS -> new ProjectChanged(key, "Project", "owner-1", List.of(), version);
            };
        }
    }

    private static final java.util.Map<Projection, PartitionedRecords> TOPICS = new java.util.EnumMap<>(
            Projection.class);

    @BeforeAll
    static void open() {
        for (Projection p : Projection.values()) {
            TOPICS.put(p, new PartitionedRecords(p.topic));
        }
    }

    @AfterAll
    static void close() {
        TOPICS.values().forEach(PartitionedRecords::close);
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aLateOlderRemovalLeavesTheSave(Projection p) {
        String key = p.newKey();
        records(p).save(key, p.save(key, 3));
        records(p).remove(key, 2L);
        handled(p, key);
        assertEquals("v3", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aLateOlderSaveAfterARemovalStaysRemoved(Projection p) {
        String key = p.newKey();
        records(p).save(key, p.save(key, 2));
        records(p).remove(key, 4L);
        records(p).save(key, p.save(key, 3));
        handled(p, key);
        assertEquals("removed", state(p, key));
        assertEquals(4L, fixtures.count("select version from projection_removal where message_key = $1", key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aRemovalFirstThenALateOlderSaveStaysRemoved(Projection p) {
        String key = p.newKey();
        records(p).remove(key, 4L);
        records(p).save(key, p.save(key, 3));
        handled(p, key);
        assertEquals("removed", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aNewerSaveAfterARemovalWins(Projection p) {
        String key = p.newKey();
        records(p).save(key, p.save(key, 3));
        records(p).remove(key, 4L);
        records(p).save(key, p.save(key, 5));
        handled(p, key);
        assertEquals("v5", state(p, key));
        assertEquals(0, fixtures.count("select count(*) from projection_removal where message_key = $1", key),
                "the marker is forgotten once a newer save is in");
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aTombstoneWithoutTheHeaderRemovesAsBefore(Projection p) {
        String key = p.newKey();
        records(p).save(key, p.save(key, 3));
        records(p).remove(key, null);
        handled(p, key);
        assertEquals("removed", state(p, key));
    }

    /** The one projector base refuses a record filed under another key than its event's: nothing is stored. */
    @ParameterizedTest
    @EnumSource(Projection.class)
    void aRecordWhoseKeyIsNotItsEventsKeyIsRefused(Projection p) {
        String key = p.newKey();
        String eventsKey = p.newKey();
        records(p).save(key, p.save(eventsKey, 3));
        handled(p, key);
        assertEquals("removed", state(p, key));
        assertEquals("removed", state(p, eventsKey));
    }

    /**
     * A database error does not drop the update: with the projection's table gone the save fails, is retried with
     * backoff, and lands once the table is back.
     */
    @ParameterizedTest
    @EnumSource(Projection.class)
    void aDatabaseErrorIsRetriedUntilTheSaveLands(Projection p) throws Exception {
        String key = p.newKey();
        long failuresBefore = failedAttempts(p);
        fixtures.query("alter table " + p.table + " rename to " + p.table + "_away");
        try {
            records(p).save(key, p.save(key, 3));
            await().atMost(MarketFixtures.WAIT).until(() -> failedAttempts(p) > failuresBefore);
        } finally {
            fixtures.query("alter table " + p.table + "_away rename to " + p.table);
        }
        await().atMost(MarketFixtures.WAIT).until(() -> "v3".equals(state(p, key)));
    }

    /** Attempts the service logged as failed for this projection's topic (DatabaseRetry logs each one). */
    private static long failedAttempts(Projection p) {
        return SERVICE_LOG.count("Applying a record of " + p.topic + " failed");
    }

    private static PartitionedRecords records(Projection p) {
        return TOPICS.get(p);
    }

    /** A probe record on the key's partition, projected: every record of the key sent before it was handled. */
    private void handled(Projection p, String key) {
        String probe = p.newKey();
        records(p).saveOn(records(p).partitionOf(key), probe, p.save(probe, 1));
        await().atMost(MarketFixtures.WAIT).until(() -> "v1".equals(state(p, probe)));
    }

    /** "v<version>" while the projection holds the key, "removed" when it does not (or holds it as removed). */
    private String state(Projection p, String key) {
        List<Row> rows = fixtures.query(p.row, key);
        return rows.isEmpty() || !rows.get(0).getBoolean(1) ? "removed" : "v" + rows.get(0).getLong(0);
    }
}
