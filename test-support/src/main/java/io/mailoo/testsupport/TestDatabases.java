package io.mailoo.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Creates test databases that ./mailoo test does not know about (one per module's dispatch process). */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Creates the database unless it exists; returns its name. The name must be a plain identifier. */
    public static String createIfMissing(String database) {
        if (!database.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        Map<String, String> env = System.getenv();
        String url = "jdbc:postgresql://" + env.getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("MAILOO_TEST_DB_PORT", "5432") + "/postgres";
        try (Connection c = DriverManager.getConnection(url, env.getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"),
                env.getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
    }
}
