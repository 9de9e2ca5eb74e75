package io.mailoo.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Creates test databases that ./mailoo test does not know about (one per module's dispatch process). */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Drops the database (closing its sessions) and creates it empty, so a run starts from nothing. */
    public static String recreate(String database) {
        checkName(database);
        try (Connection c = admin(); var drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            drop.execute("CREATE DATABASE " + database);
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate the test database " + database, e);
        }
    }

    /** Creates the database unless it exists; returns its name. The name must be a plain identifier. */
    public static String createIfMissing(String database) {
        checkName(database);
        try (Connection c = admin();
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

    /**
     * Rows of a read-only query on a test database, each as column → value text (for a test's failure message: what
     * the services stored when an await gave up).
     */
    public static java.util.List<Map<String, String>> query(String database, String sql, Object... parameters) {
        checkName(database);
        try (Connection c = connect(database); var statement = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            var rows = new java.util.ArrayList<Map<String, String>>();
            try (var result = statement.executeQuery()) {
                var meta = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query the test database " + database, e);
        }
    }

    private static void checkName(String database) {
        if (!database.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }

    private static Connection admin() throws SQLException {
        return connect("postgres");
    }

    /** The JDBC address of a test database, for a tool that connects by itself (Flyway in a migration test). */
    public static String jdbcUrl(String database) {
        checkName(database);
        Map<String, String> env = System.getenv();
        return "jdbc:postgresql://" + env.getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("MAILOO_TEST_DB_PORT", "5432") + "/" + database;
    }

    public static String username() {
        return System.getenv().getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres");
    }

    /** A connection of its own to a test database; the caller closes it. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), password());
    }
}
