package io.mailoo.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.testsupport.ServiceProcess;
import io.mailoo.testsupport.TestDatabases;

/**
 * The whole of Mailoo as processes on this machine, the way ./mailoo up runs it but with replicas: two
 * integration-service (two outbox relays publishing profiles), two market-service, two mail-dispatch-service, one
 * Kafka broker of its own, fresh databases, and two GreenMail servers: the tenant's SMTP server and the platform's.
 */
final class SystemStack implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(240);

    final SystemBroker broker;
    final GreenMail tenantSmtp;
    final GreenMail platformSmtp;
    final List<ServiceProcess> integration = new ArrayList<>();
    final List<ServiceProcess> market = new ArrayList<>();
    final List<ServiceProcess> dispatch = new ArrayList<>();
    String dispatchDatabase;
    String marketDatabase;

    private SystemStack(SystemBroker broker, GreenMail tenantSmtp, GreenMail platformSmtp) {
        this.broker = broker;
        this.tenantSmtp = tenantSmtp;
        this.platformSmtp = platformSmtp;
    }

    static SystemStack start() {
        Path root = ServiceProcess.repositoryRoot();
        GreenMail tenant = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        tenant.start();
        GreenMail platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        SystemStack stack = new SystemStack(SystemBroker.startFresh(root), tenant, platform);
        try {
            stack.startServices();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startServices() {
        String suffix = System.getenv().getOrDefault("MAILOO_TEST_DB_SUFFIX", "");
        dispatchDatabase = TestDatabases.recreate("mailoo_dispatch_systest" + suffix);
        marketDatabase = TestDatabases.recreate("mailoo_market_systest" + suffix);
        Map<String, String> dispatchEnv = environment(dispatchDatabase);
        dispatchEnv.put("MAIL_SMTP_ALLOW_PRIVATE_HOSTS", "true");
        dispatchEnv.put("GLOBAL_SMTP_HOST", "127.0.0.1");
        dispatchEnv.put("GLOBAL_SMTP_PORT", Integer.toString(platformSmtp.getSmtp().getPort()));
        dispatchEnv.put("GLOBAL_SMTP_SECURITY", "NONE");
        dispatchEnv.put("GLOBAL_MAIL_FROM", "platform@mailoo.test");
        dispatchEnv.put("DISPATCH_OPERATOR_ADDRESS", "operators@mailoo.test");
        // the tenant's server is fast; the run measures Mailoo, not a profile's default budget
        dispatchEnv.put("DISPATCH_DEFAULT_MESSAGES_PER_MINUTE", "100000");
        dispatchEnv.put("DISPATCH_PROFILE_GRACE", "PT5S");
        Map<String, String> marketEnv = environment(marketDatabase);
        marketEnv.put("ORDERS_PER_KEY_PER_MINUTE", "1000000");
        Map<String, String> integrationEnv = environment(
                TestDatabases.recreate("mailoo_integration_systest" + suffix));
        for (String replica : List.of("a", "b")) {
            dispatch.add(ServiceProcess.start("mail-dispatch-service", "dispatch-" + replica, dispatchEnv, READY));
        }
        for (String replica : List.of("a", "b")) {
            integration.add(ServiceProcess.start("integration-service", "integration-" + replica, integrationEnv,
                    READY));
            market.add(ServiceProcess.start("market-service", "market-" + replica, marketEnv, READY));
        }
    }

    private Map<String, String> environment(String database) {
        Map<String, String> env = ServiceProcess.testEnvironment(database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrap());
        return env;
    }

    static String url(ServiceProcess service) {
        return "http://127.0.0.1:" + service.port();
    }

    @Override
    public void close() {
        for (List<ServiceProcess> group : List.of(market, integration, dispatch)) {
            group.forEach(ServiceProcess::close);
        }
        broker.close();
        tenantSmtp.stop();
        platformSmtp.stop();
    }
}
