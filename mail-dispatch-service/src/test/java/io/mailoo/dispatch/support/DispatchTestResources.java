package io.mailoo.dispatch.support;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts what the dispatch tests need besides the broker and PostgreSQL that ./mailoo test provides: the platform
 * (global) SMTP server as GreenMail, and the test keys; and makes retries and grace periods short. Init args
 * ({@code @ResourceArg}) are configuration that overrides these (e.g. a short lease for one test class).
 */
public class DispatchTestResources implements QuarkusTestResourceLifecycleManager {

    private GreenMail platform;
    private Map<String, String> overrides = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        overrides = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        Map<String, String> config = TestKeys.serviceConfig();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("mailoo.platform.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(platform.getSmtp().getPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.from", "platform@mailoo.test");
        config.put("mailoo.dispatch.profile-grace", "PT3S");
        config.put("mailoo.dispatch.quick-retry-ladder", "1s,2s");
        config.put("mailoo.dispatch.slow-retry-ladder", "1s,2s");
        config.put("mailoo.dispatch.poll-interval", "250ms");
        config.put("mailoo.dispatch.socket-idle-timeout", "PT3S");
        config.put("mailoo.dispatch.send-timeout", "PT4S");
        config.put("mailoo.dispatch.auth-failures-before-suspension", "3");
        config.put("mailoo.dispatch.operator-address", "ops@mailoo.test");
        config.put("mailoo.dispatch.trusted-certificates", TestTls.trustedCertificatePem().toString());
        config.putAll(overrides);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(platform, new TestInjector.AnnotatedAndMatchesType(PlatformSmtp.class,
                GreenMail.class));
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.stop();
        }
    }
}
