package io.mailoo.dispatch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.mailoo.testsupport.TestDatabases;

/**
 * Migration V21 on real PostgreSQL, from a database at V20 that holds a marked and an unmarked result: the mark moves
 * to dispatch_result_unpublished with its time and partition and is cleared in the old column, which stays (with its
 * index) for replicas of the earlier version during a rolling update; dispatch_message gets its fillfactor.
 */
class ResultMarkMigrationTest {

    private static final String DATABASE = "mailoo_dispatch_v21_test";

    @Test
    void theMarksOfV20MoveToTheirOwnTableAndTheOldColumnStaysForEarlierReplicas() throws SQLException {
        TestDatabases.recreate(DATABASE);
        migrateTo("20");
        UUID marked = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        try (Connection c = TestDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute(row(marked, "3", "timestamptz '2026-12-05 10:00:00+00'"));
            s.execute(row(published, "4", "NULL"));
        }

        migrateTo("21");

        try (Connection c = TestDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT message_id, kafka_partition, since = timestamptz "
                    + "'2026-12-05 10:00:00+00' AS same_time FROM dispatch_result_unpublished")) {
                assertTrue(rs.next(), "the marked result is in the new table");
                assertEquals(marked, rs.getObject("message_id", UUID.class));
                assertEquals(3, rs.getInt("kafka_partition"));
                assertTrue(rs.getBoolean("same_time"), "with the time it was marked");
                assertFalse(rs.next(), "and only it");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM dispatch_message "
                    + "WHERE result_unpublished_since IS NOT NULL")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "cleared in the old column, which an earlier replica still reads");
            }
            try (ResultSet rs = s.executeQuery("SELECT reloptions::text FROM pg_class "
                    + "WHERE relname = 'dispatch_message'")) {
                rs.next();
                assertEquals("{fillfactor=80}", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes "
                    + "WHERE indexname = 'dispatch_message_result_unpublished'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the earlier version's index stays until a later migration");
            }
        }
    }

    private static void migrateTo(String version) {
        Flyway.configure()
                .dataSource(TestDatabases.jdbcUrl(DATABASE), TestDatabases.username(), TestDatabases.password())
                .locations("classpath:db/migration").target(version).load().migrate();
    }

    private static String row(UUID id, String partition, String unpublishedSince) {
        return "INSERT INTO dispatch_message (message_id, profile_ref, purpose, status, attempt, expires_at, "
                + "created_at, updated_at, kafka_partition, result_unpublished_since) VALUES ('" + id
                + "', 'integration:migration-test', 'WELCOME', 'SENT', 1, now() + interval '1 day', now(), now(), "
                + partition + ", " + unpublishedSince + ")";
    }
}
