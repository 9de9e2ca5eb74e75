package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.MailProfile;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;

class SecretProblemNoticesTest {

    private final List<String> sent = new ArrayList<>();

    private final OperatorNoticePublisher publisher = new OperatorNoticePublisher() {
        @Override
        public UUID notify(String operatorAddress, String subject, String text, MailSource source) {
            sent.add(operatorAddress + "|" + subject + "|" + text);
            return UUID.randomUUID();
        }
    };

    private static DispatchSettings withOperator(String address) {
        DispatchSettings base = new TestSettings(false);
        return (DispatchSettings) Proxy.newProxyInstance(DispatchSettings.class.getClassLoader(),
                new Class<?>[] {DispatchSettings.class}, (proxy, method, args) -> method.getName()
                        .equals("operatorAddress") ? Optional.of(address) : method.invoke(base, args));
    }

    private static MailProfile profile(String ref, long version) {
        return new MailProfile(ref, "p", version, new SmtpServer("attacker.example", 2525, SmtpSecurity.STARTTLS,
                "shop", new SealedSecret("k", "CIPHERTEXT-XYZ")), null, null, null, ref, false);
    }

    @Test
    void oneNoticePerProfileVersionNamingTheServerButNoSecret() {
        SecretProblemNotices notices = new SecretProblemNotices(publisher, withOperator("ops@mailoo.test"));
        assertTrue(notices.unreadable(profile("integration:a", 2)));
        assertFalse(notices.unreadable(profile("integration:a", 2)), "the same version again: throttled");
        assertTrue(notices.unreadable(profile("integration:a", 3)), "a new version is news");
        assertTrue(notices.unreadable(profile("integration:b", 2)));
        assertEquals(3, sent.size());
        String first = sent.get(0);
        assertTrue(first.startsWith("ops@mailoo.test|"));
        assertTrue(first.contains("integration:a") && first.contains("attacker.example:2525"), first);
        assertTrue(first.contains("SMTP_PASSWORD_UNREADABLE"), first);
        assertFalse(first.contains("CIPHERTEXT-XYZ"), first);
    }

    @Test
    void withoutAnOperatorAddressItIsOnlyLogged() {
        SecretProblemNotices notices = new SecretProblemNotices(publisher, new TestSettings(false));
        assertTrue(notices.unreadable(profile("integration:a", 1)));
        assertEquals(0, sent.size());
    }
}
