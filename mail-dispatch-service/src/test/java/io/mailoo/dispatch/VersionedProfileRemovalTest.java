package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.profile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.dispatch.domain.ProfileState;
import io.mailoo.dispatch.service.ProfileDirectory;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.testsupport.PartitionedRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Versioned removals on mailoo.mail-profiles.v1 through the real broker and PostgreSQL: mail_profile and the
 * in-memory directory end in the same state whatever order a profile's saves and removals arrive in. A probe
 * profile on the same partition shows when every earlier record was handled.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class VersionedProfileRemovalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    static PartitionedRecords profiles;

    @Inject
    Pool pool;

    @Inject
    ProfileDirectory directory;

    @BeforeAll
    static void open() {
        profiles = new PartitionedRecords(Topics.MAIL_PROFILES);
    }

    @AfterAll
    static void close() {
        profiles.close();
    }

    private static MailProfileChanged save(String ref, long version) {
        return profile(ref, version, 2525, SmtpSecurity.NONE, null, null, "shop@tenant.test", "Shop", null);
    }

    @Test
    void aLateOlderRemovalLeavesTheProfile() {
        String ref = newRef();
        profiles.save(ref, save(ref, 3));
        profiles.remove(ref, 2L);
        handled(ref);
        assertEquals("v3", stored(ref));
        assertEquals("v3", inMemory(ref));
    }

    @Test
    void aLateOlderSaveAfterARemovalStaysRemoved() {
        String ref = newRef();
        profiles.save(ref, save(ref, 2));
        profiles.remove(ref, 4L);
        profiles.save(ref, save(ref, 3));
        handled(ref);
        assertEquals("removed@4", stored(ref));
        assertEquals("removed@4", inMemory(ref));
    }

    @Test
    void aRemovalBeforeAnySaveStillKeepsALateOlderSaveOut() {
        String ref = newRef();
        profiles.remove(ref, 4L);
        profiles.save(ref, save(ref, 3));
        handled(ref);
        assertEquals("removed@4", stored(ref));
        assertEquals("removed@4", inMemory(ref));
    }

    @Test
    void aNewerSaveAfterARemovalWins() {
        String ref = newRef();
        profiles.save(ref, save(ref, 3));
        profiles.remove(ref, 4L);
        profiles.save(ref, save(ref, 5));
        handled(ref);
        assertEquals("v5", stored(ref));
        assertEquals("v5", inMemory(ref));
    }

    @Test
    void aTombstoneWithoutTheHeaderRemovesAndKeepsTheLastVersionAsBefore() {
        String ref = newRef();
        profiles.save(ref, save(ref, 3));
        profiles.remove(ref, null);
        handled(ref);
        assertEquals("removed@3", stored(ref));
        assertEquals("removed@3", inMemory(ref));
    }

    private void handled(String ref) {
        String probe = newRef();
        profiles.saveOn(profiles.partitionOf(ref), probe, save(probe, 1));
        await().atMost(WAIT).until(() -> "v1".equals(stored(probe)) && "v1".equals(inMemory(probe)));
    }

    private String stored(String ref) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT version, removed FROM mail_profile WHERE profile_ref = $1").execute(Tuple.of(ref))
                .await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        if (rows.isEmpty()) {
            return "absent";
        }
        Row row = rows.get(0);
        return (row.getBoolean("removed") ? "removed@" : "v") + row.getLong("version");
    }

    private String inMemory(String ref) {
        ProfileState state = directory.get(ref);
        if (state.profile() != null) {
            return "v" + state.profile().version();
        }
        return state.removed() ? "removed@" + state.lastKnownVersion() : "absent";
    }
}
