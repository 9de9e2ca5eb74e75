package io.mailoo.integration.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.testsupport.DispatchProcess;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * {@code MailooTestStack} with one difference: the dispatch process gets a database of this module's own
 * ({@value #DATABASE}, created if missing) instead of the shared {@code mailoo_dispatch_systest}. Several suites run
 * at the same time on this machine, each with its own broker; sharing one dispatch database let another suite's
 * newer dispatch build migrate it past the packaged jar (Flyway "applied migration not resolved locally"), and lets
 * one dispatcher's poller pick up another's deferred rows.
 */
public class IntegrationTestStack implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "mailoo_dispatch_systest_integration";

    private GreenMail platform;
    private DispatchProcess dispatch;

    @Override
    public Map<String, String> start() {
        createDatabase();
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        dispatch = DispatchProcess.start(platform.getSmtp().getPort(), Map.of("DB_NAME", DATABASE));
        Map<String, String> config = new HashMap<>();
        config.put("mailoo.crypto.key", TestKeys.ENCRYPTION_KEY);
        config.put("mp.jwt.verify.publickey.location", TestKeys.publicKeyLocation());
        config.put("mp.jwt.verify.issuer", TestKeys.ISSUER);
        config.put("mailoo.test.dispatch-port", Integer.toString(dispatch.port()));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(platform, new TestInjector.AnnotatedAndMatchesType(PlatformSmtp.class,
                GreenMail.class));
    }

    @Override
    public void stop() {
        if (dispatch != null) {
            dispatch.close();
        }
        if (platform != null) {
            platform.stop();
        }
    }

    private static void createDatabase() {
        Map<String, String> env = System.getenv();
        String url = "jdbc:postgresql://" + env.getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("MAILOO_TEST_DB_PORT", "5432") + "/postgres";
        try (Connection c = DriverManager.getConnection(url, env.getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"),
                env.getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + DATABASE, e);
        }
    }
}
