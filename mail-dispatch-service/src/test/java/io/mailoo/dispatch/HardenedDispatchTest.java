package io.mailoo.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.dispatch.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Production settings: private hosts are not allowed, and here MAIL_SMTP_ENCRYPTION_KEY is missing too.
 */
@QuarkusTest
@TestProfile(HardenedDispatchTest.Hardened.class)
class HardenedDispatchTest {

    public static class Hardened implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.dispatch.allow-private-hosts", "false", "mailoo.crypto.key", "");
        }
    }

    static KafkaTestClient kafka;
    static GreenMail loopbackServer;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS, Topics.MAIL_REQUESTS_DLQ);
        loopbackServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        loopbackServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        loopbackServer.stop();
    }

    @Test
    void readinessIsDownAndSaysHowToFixAMissingKey() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.name", hasItem("smtp-encryption-key"))
                .body(containsString("MAIL_SMTP_ENCRYPTION_KEY"))
                .body(containsString("openssl rand -base64 32"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aProfileOnLoopbackIsRefusedAndNothingIsSent() {
        String ref = Profiles.newRef();
        kafka.send(Topics.MAIL_PROFILES, ref, Profiles.profile(ref, 1, 587, SmtpSecurity.NONE, null, null,
                "shop@tenant.test", null, null));
        SendMailRequested request = Profiles.request(ref, 1, MailPurpose.WELCOME, "x@customer.test", "Loopback");
        kafka.send(Topics.MAIL_REQUESTS, ref, request);
        MailDispatchResult result = awaitFinal(request.messageId());
        assertEquals(MailStatus.REJECTED, result.status());
        assertEquals("SMTP_HOST_NOT_ALLOWED", result.errorCode());

        String refPort = Profiles.newRef();
        kafka.send(Topics.MAIL_PROFILES, refPort, Profiles.profile(refPort, 1, loopbackServer.getSmtp().getPort(),
                SmtpSecurity.NONE, null, null, "shop@tenant.test", null, null));
        SendMailRequested odd = Profiles.request(refPort, 1, MailPurpose.WELCOME, "x@customer.test", "Odd port");
        kafka.send(Topics.MAIL_REQUESTS, refPort, odd);
        assertEquals("SMTP_PORT_NOT_ALLOWED", awaitFinal(odd.messageId()).errorCode());
        assertEquals(0, loopbackServer.getReceivedMessages().length);
    }

    @Test
    void aLoginWithoutTlsIsRefusedBeforeAnythingConnects() {
        int port = loopbackServer.getSmtp().getPort();
        String withPassword = Profiles.newRef();
        kafka.send(Topics.MAIL_PROFILES, withPassword, Profiles.profile(withPassword, 1, port, SmtpSecurity.NONE,
                "shop", "pw-cleartext-" + UUID.randomUUID(), "shop@tenant.test", null, null));
        String usernameOnly = Profiles.newRef();
        kafka.send(Topics.MAIL_PROFILES, usernameOnly, Profiles.profile(usernameOnly, 1, port, SmtpSecurity.NONE,
                "shop", null, "shop@tenant.test", null, null));
        java.time.Instant now = java.time.Instant.now();
        SendMailRequested inlineTest = Profiles.smtpTest(port, "shop", "pw-inline-" + UUID.randomUUID(),
                "x@customer.test", now, now.plusSeconds(60));
        SendMailRequested first = Profiles.request(withPassword, 1, MailPurpose.WELCOME, "x@customer.test", "A");
        SendMailRequested second = Profiles.request(usernameOnly, 1, MailPurpose.WELCOME, "x@customer.test", "B");
        kafka.send(Topics.MAIL_REQUESTS, withPassword, first);
        kafka.send(Topics.MAIL_REQUESTS, usernameOnly, second);
        kafka.send(Topics.MAIL_REQUESTS, inlineTest.profileRef(), inlineTest);
        for (SendMailRequested request : java.util.List.of(first, second, inlineTest)) {
            MailDispatchResult result = awaitFinal(request.messageId());
            assertEquals(MailStatus.REJECTED, result.status(), request.toString());
            assertEquals("SMTP_CLEARTEXT_LOGIN_REFUSED", result.errorCode(),
                    "refused before the host guard, the key or a connection");
        }
        assertEquals(0, loopbackServer.getReceivedMessages().length);
    }

    private static MailDispatchResult awaitFinal(UUID messageId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> kafka.resultsFor(messageId).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
    }
}
