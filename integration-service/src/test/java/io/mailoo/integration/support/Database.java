package io.mailoo.integration.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the service's test database directly, to check what is stored (e.g. that a password is only ciphertext). */
public final class Database {

    private Database() {
    }

    /** Runs an insert/update/delete (to set up what an older version of the service stored); returns the row count. */
    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs an update in a transaction that stays open (holding its row locks) while {@code meanwhile} runs, then
     * commits: another writer's transaction, to show what a concurrent change of the same row leaves.
     */
    public static void updateCommittingAfter(Runnable meanwhile, String sql, Object... params) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement statement = prepare(c, sql, params)) {
                statement.executeUpdate();
            }
            meanwhile.run();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of the query. */
    public static List<String> column(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params)) {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
