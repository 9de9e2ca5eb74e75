package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.dispatch.support.TestTls;
import io.mailoo.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * TLS as tenants' servers speak it: STARTTLS and implicit TLS with the certificate checked against the host name,
 * AUTH only after TLS, and no mail at all when TLS cannot be set up.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class SmtpTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("dispatch"), "Mail profile")
                    .records(kafka.records(Topics.MAIL_RESULTS)).assertNoneLeaked();
        } finally {
            kafka.close();
        }
    }

    private static MailProfileChanged profile(String ref, int port, SmtpSecurity security, String username,
            String password) {
        return new MailProfileChanged(ref, "project-test", 1,
                new SmtpServer("localhost", port, security, username,
                        password == null ? null : Profiles.seal(password, SecretBinding.smtpPassword(ref,
                                "localhost", port, security, username))),
                new Sender("shop@tenant-tls.test", "TLS Shop"), null, new ProfileLimits(2, 6000));
    }

    private static MailDispatchResult send(MailProfileChanged profile) {
        kafka.send(Topics.MAIL_PROFILES, profile.profileRef(), profile);
        SendMailRequested mail = request(profile.profileRef(), 1, MailPurpose.WELCOME, "buyer@customer.test",
                "Over TLS " + UUID.randomUUID());
        kafka.send(Topics.MAIL_REQUESTS, mail.profileRef(), mail);
        return await().atMost(WAIT).until(() -> kafka.resultsFor(mail.messageId()).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void startTlsThenLoginThenTheMessageAllOverTheUpgradedConnection() throws Exception {
        String password = "tls-pw-" + UUID.randomUUID();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.trustedServer(), false)) {
            MailDispatchResult result = send(profile(newRef(), server.port(), SmtpSecurity.STARTTLS, "tls-user",
                    password));

            assertEquals(MailStatus.SENT, result.status(), () -> "result: " + result);
            assertEquals(List.of("tls-user:" + password), server.logins(), "AUTH LOGIN after STARTTLS");
            assertEquals(1, server.acceptedOverTls().size());
            assertTrue(server.acceptedOverTls().get(0).contains("Subject: Over TLS"));
            assertEquals(250, result.smtp().code());
            assertEquals("2.0.0", result.smtp().enhancedCode());
            assertTrue(result.smtp().message().startsWith("2.0.0 Ok: queued as T"), result.smtp().message());
        }
    }

    @Test
    void implicitTlsFromTheFirstByte() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.trustedServer(), true)) {
            MailDispatchResult result = send(profile(newRef(), server.port(), SmtpSecurity.SSL_TLS, null, null));

            assertEquals(MailStatus.SENT, result.status(), () -> "result: " + result);
            assertEquals(1, server.acceptedOverTls().size());
        }
    }

    @Test
    void aCertificateNothingTrustsFailsTheMailAndNoPasswordIsSent() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.untrustedServer(), false)) {
            MailDispatchResult result = send(profile(newRef(), server.port(), SmtpSecurity.STARTTLS, "tls-user",
                    "never-sent-" + UUID.randomUUID()));

            assertEquals(MailStatus.FAILED, result.status(), () -> "result: " + result);
            assertEquals("SMTP_TLS_FAILED", result.errorCode());
            assertEquals(List.of(), server.logins());
            assertEquals(List.of(), server.accepted());
        }
    }

    @Test
    void aServerWithoutStartTlsGetsNeitherPasswordNorMessage() throws Exception {
        try (ScriptedSmtpServer plain = new ScriptedSmtpServer(n -> "250 OK", n -> "250 OK")) {
            MailDispatchResult result = send(profile(newRef(), plain.port(), SmtpSecurity.STARTTLS, "tls-user",
                    "never-sent-" + UUID.randomUUID()));

            assertEquals(MailStatus.FAILED, result.status(), () -> "result: " + result);
            assertEquals("SMTP_TLS_FAILED", result.errorCode());
            assertEquals(List.of(), plain.logins());
            assertEquals(List.of(), plain.accepted());
        }
    }
}
