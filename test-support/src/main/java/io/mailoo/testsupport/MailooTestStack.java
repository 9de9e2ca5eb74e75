package io.mailoo.testsupport;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What a domain service's integration tests need around it: the platform SMTP server (GreenMail, injected into a
 * {@link PlatformSmtp} field), the real mail-dispatch-service as a process, and the keys both sides share. Kafka
 * and PostgreSQL come from ./mailoo test.
 */
public class MailooTestStack implements QuarkusTestResourceLifecycleManager {

    private GreenMail platform;
    private DispatchProcess dispatch;

    @Override
    public Map<String, String> start() {
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        dispatch = DispatchProcess.start(platform.getSmtp().getPort(), Map.of());
        Map<String, String> config = TestKeys.serviceConfig();
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
}
