package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.dispatch.support.ScriptedPlatformResources;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.dispatch.support.TestTls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The SMTP dialogue as real servers speak it, for tenant profiles (dispatch's own client) and the platform profile
 * (quarkus-mailer): STARTTLS and implicit TLS with the certificate checked against the host name (the private
 * certificate of DISPATCH_SMTP_TRUSTED_CERTIFICATES trusted by both), AUTH only after TLS, and one way to fail —
 * a server refusing at any step gives a result with its status, errorCode, smtpStep and the server's reply.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedPlatformResources.class, restrictToAnnotatedClass = true)
class SmtpDialogueTest {

    static ResultsTopic results;

    @BeforeAll
    static void start() {
        results = new ResultsTopic();
    }

    @AfterAll
    static void stop() throws Exception {
        results.close();
    }

    @AfterEach
    void normalPlatformServer() {
        ScriptedSmtpServer platform = ScriptedPlatformResources.server();
        for (String step : List.of("220", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", ".")) {
            platform.script(step, null);
        }
        platform.useTls(TestTls.trustedServer());
    }

    /** A server's refusal at one step: the script step, its reply, and what the result must say. */
    record Refusal(String scriptStep, String reply, MailStatus status, String errorCode, SmtpStep step,
            SmtpReply smtp) {

        @Override
        public String toString() {
            return step + " " + reply;
        }
    }

    static final Refusal AUTH_REFUSED = new Refusal("AUTH", "535 5.7.8 Authentication credentials invalid",
            MailStatus.FAILED, "SMTP_AUTH_FAILED", SmtpStep.AUTH,
            new SmtpReply(535, "5.7.8", "5.7.8 Authentication credentials invalid"));
    static final Refusal NO_SUCH_USER = new Refusal("RCPT", "550 5.1.1 no such user", MailStatus.FAILED,
            "RECIPIENT_REJECTED", SmtpStep.RCPT_TO, new SmtpReply(550, "5.1.1", "5.1.1 no such user"));
    static final Refusal MAILBOX_BUSY = new Refusal("RCPT", "450 4.2.1 mailbox busy", MailStatus.DEFERRED,
            "SMTP_TEMPORARY_FAILURE", SmtpStep.RCPT_TO, new SmtpReply(450, "4.2.1", "4.2.1 mailbox busy"));

    static List<Refusal> tenantRefusals() {
        return List.of(AUTH_REFUSED, NO_SUCH_USER, MAILBOX_BUSY,
                new Refusal("RCPT", "451 4.7.1 greylisted", MailStatus.DEFERRED, "SMTP_TEMPORARY_FAILURE",
                        SmtpStep.RCPT_TO, new SmtpReply(451, "4.7.1", "4.7.1 greylisted")),
                refusal("220", "554 5.3.2 not accepting connections", "SMTP_REJECTED", SmtpStep.GREETING),
                refusal("MAIL", "553 5.1.8 sender domain does not exist", "SMTP_REJECTED", SmtpStep.MAIL_FROM),
                refusal("DATA", "554 5.5.1 no valid recipients", "SMTP_REJECTED", SmtpStep.DATA),
                refusal(".", "554 5.7.1 message refused as spam", "SMTP_REJECTED", SmtpStep.MESSAGE),
                new Refusal("MAIL", ScriptedSmtpServer.DROP, MailStatus.DEFERRED, "SMTP_CONNECT_FAILED",
                        SmtpStep.MAIL_FROM, null));
    }

    /**
     * The platform's server refusing, as quarkus-mailer reports it: the step comes from the reply's code and
     * enhanced status (the mail client does not say which command failed), UNKNOWN when they do not tell.
     */
    static List<Refusal> platformRefusals() {
        return List.of(AUTH_REFUSED, NO_SUCH_USER, MAILBOX_BUSY,
                refusal(".", "552 5.3.4 message too big", "SMTP_REJECTED", SmtpStep.MESSAGE),
                refusal(".", "554 5.7.1 message refused as spam", "SMTP_REJECTED", SmtpStep.UNKNOWN),
                new Refusal("MAIL", ScriptedSmtpServer.DROP, MailStatus.DEFERRED, "SMTP_CONNECT_FAILED",
                        SmtpStep.UNKNOWN, null));
    }

    /** A permanent refusal whose reply the result carries as sent (code, enhanced status, text). */
    private static Refusal refusal(String scriptStep, String reply, String errorCode, SmtpStep step) {
        return new Refusal(scriptStep, reply, MailStatus.FAILED, errorCode, step,
                new SmtpReply(Integer.parseInt(reply.substring(0, 3)), reply.substring(4, 9), reply.substring(4)));
    }

    // ---- tenant profiles: dispatch's own client ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantRefusals")
    void aTenantServerRefusingAtAStepGivesThatStepAndItsReply(Refusal refusal) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> "250 2.0.0 OK")
                .script(refusal.scriptStep(), refusal.reply())) {
            boolean login = refusal.step() == SmtpStep.AUTH;
            MailDispatchResult first = firstResult(tenantRequest(server, SmtpSecurity.NONE,
                    login ? "shop-user" : null, login ? newPassword() : null));
            assertResult(first, refusal);
            assertEquals(List.of(), server.accepted());
            assertEquals(List.of(), server.logins());
        }
    }

    @Test
    void startTlsThenLoginThenTheMessageAllOverTheUpgradedConnection() throws Exception {
        String password = "tls-pw-" + UUID.randomUUID();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.trustedServer(), false)) {
            MailDispatchResult result = finalResult(tenantRequest(server, SmtpSecurity.STARTTLS, "tls-user",
                    password));

            assertEquals(MailStatus.SENT, result.status(), () -> "result: " + result);
            assertNull(result.smtpStep());
            assertEquals(List.of("tls-user:" + password), server.logins(), "AUTH after STARTTLS");
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
            MailDispatchResult result = finalResult(tenantRequest(server, SmtpSecurity.SSL_TLS, null, null));

            assertEquals(MailStatus.SENT, result.status(), () -> "result: " + result);
            assertEquals(1, server.acceptedOverTls().size());
        }
    }

    @Test
    void aCertificateNothingTrustsFailsTheMailAtTlsAndNoPasswordIsSent() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.untrustedServer(), false)) {
            assertResult(finalResult(tenantRequest(server, SmtpSecurity.STARTTLS, "tls-user", newPassword())),
                    MailStatus.FAILED, "SMTP_TLS_FAILED", SmtpStep.TLS, null);
            assertEquals(List.of(), server.logins());
            assertEquals(List.of(), server.accepted());
        }
        try (ScriptedSmtpServer server = ScriptedSmtpServer.tls(TestTls.untrustedServer(), true)) {
            assertResult(finalResult(tenantRequest(server, SmtpSecurity.SSL_TLS, "tls-user", newPassword())),
                    MailStatus.FAILED, "SMTP_TLS_FAILED", SmtpStep.TLS, null);
            assertEquals(List.of(), server.logins());
        }
    }

    @Test
    void aServerWithoutStartTlsGetsNeitherPasswordNorMessage() throws Exception {
        try (ScriptedSmtpServer plain = new ScriptedSmtpServer(n -> "250 OK", n -> "250 OK")) {
            assertResult(finalResult(tenantRequest(plain, SmtpSecurity.STARTTLS, "tls-user", newPassword())),
                    MailStatus.FAILED, "SMTP_TLS_FAILED", SmtpStep.STARTTLS, null);
            assertEquals(List.of(), plain.logins());
            assertEquals(List.of(), plain.accepted());
        }
    }

    // ---- the platform profile: quarkus-mailer -----------------------------------------------------------------

    @Test
    void platformTrustsThePrivateCertificateOfDispatchSmtpTrustedCertificates() {
        SendMailRequested notice = platformRequest("Platform over private TLS");
        MailDispatchResult result = finalResult(notice);
        assertEquals(MailStatus.SENT, result.status(), () -> "result: " + result);
        assertNull(result.smtpStep());
        ScriptedSmtpServer platform = ScriptedPlatformResources.server();
        assertTrue(platform.acceptedOverTls().stream().anyMatch(m -> m.contains("Subject: Platform over private TLS")));
        assertTrue(platform.logins().contains(ScriptedPlatformResources.USERNAME + ":"
                + ScriptedPlatformResources.PASSWORD));
    }

    @Test
    void platformUntrustedCertificateFailsAtTls() {
        ScriptedPlatformResources.server().useTls(TestTls.untrustedServer());
        int logins = ScriptedPlatformResources.server().logins().size();
        assertResult(finalResult(platformRequest("Platform untrusted")), MailStatus.FAILED, "SMTP_TLS_FAILED",
                SmtpStep.TLS, null);
        assertEquals(logins, ScriptedPlatformResources.server().logins().size(), "no login without trusted TLS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platformRefusals")
    void thePlatformServerRefusingAtAStepIsClassifiedLikeATenantServer(Refusal refusal) {
        ScriptedPlatformResources.server().script(refusal.scriptStep(), refusal.reply());
        assertResult(firstResult(platformRequest("Platform refused " + UUID.randomUUID())), refusal);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static void assertResult(MailDispatchResult result, Refusal expected) {
        assertResult(result, expected.status(), expected.errorCode(), expected.step(), expected.smtp());
    }

    private static void assertResult(MailDispatchResult result, MailStatus status, String errorCode, SmtpStep step,
            SmtpReply reply) {
        assertEquals(status, result.status(), () -> "result: " + result);
        assertEquals(errorCode, result.errorCode(), () -> "result: " + result);
        assertEquals(step, result.smtpStep(), () -> "result: " + result);
        assertEquals(reply, result.smtp(), () -> "result: " + result);
    }

    private static String newPassword() {
        return "never-sent-" + UUID.randomUUID();
    }

    /** A new tenant profile on {@code server} (host name localhost, which the test certificates name) and a mail. */
    private static SendMailRequested tenantRequest(ScriptedSmtpServer server, SmtpSecurity security, String username,
            String password) {
        String ref = newRef();
        MailProfileChanged profile = new MailProfileChanged(ref, "project-test", 1,
                new SmtpServer("localhost", server.port(), security, username, password == null ? null
                        : Profiles.seal(password, SecretBinding.smtpPassword(ref, "localhost", server.port(),
                                security, username))),
                new Sender("shop@tenant-tls.test", "TLS Shop"), null, new ProfileLimits(2, 6000));
        results.kafka().send(Topics.MAIL_PROFILES, ref, profile);
        SendMailRequested mail = request(ref, 1, MailPurpose.WELCOME, "buyer@customer.test",
                "Over TLS " + UUID.randomUUID());
        results.kafka().send(Topics.MAIL_REQUESTS, ref, mail);
        return mail;
    }

    private static SendMailRequested platformRequest(String subject) {
        SendMailRequested notice = request("platform", 0, MailPurpose.PLATFORM_NOTIFICATION, "ops@mailoo.test",
                subject);
        results.kafka().send(Topics.MAIL_REQUESTS, notice.profileRef(), notice);
        return notice;
    }

    private static MailDispatchResult finalResult(SendMailRequested mail) {
        return results.awaitFinal(mail.messageId());
    }

    private static MailDispatchResult firstResult(SendMailRequested mail) {
        return results.awaitFirst(mail.messageId());
    }
}
