package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.profile;
import static io.mailoo.dispatch.support.Profiles.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.testsupport.SecretLeakCheck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pipeline through the real pieces: requests and profiles on the test Kafka broker, PostgreSQL, and real SMTP
 * servers (GreenMail with SMTP AUTH, and a scripted server for 4xx/5xx replies).
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class DispatchPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static GreenMail serverA;
    static GreenMail serverB;
    static String passwordA;
    static String passwordB;
    static KafkaTestClient kafka;

    @PlatformSmtp
    GreenMail platform;

    @Inject
    Pool pool;

    @BeforeAll
    static void startServers() {
        serverA = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        serverB = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        serverA.start();
        serverB.start();
        passwordA = "pw-A-" + UUID.randomUUID();
        passwordB = "pw-B-" + UUID.randomUUID();
        serverA.setUser("shop-a@tenant-a.test", "user-a", passwordA);
        serverB.setUser("shop-b@tenant-b.test", "user-b", passwordB);
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS, Topics.MAIL_REQUESTS_DLQ);
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("dispatch"), "Mail profile")
                    .records(kafka == null ? List.of() : kafka.records(Topics.MAIL_RESULTS)).assertNoneLeaked();
        } finally {
            closeAll();
        }
    }

    private static void closeAll() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        serverA.stop();
        serverB.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        serverA.purgeEmailFromAllMailboxes();
        serverB.purgeEmailFromAllMailboxes();
        platform.purgeEmailFromAllMailboxes();
    }

    private MailProfileChanged profileOnA(String ref, long version) {
        return profile(ref, version, serverA.getSmtp().getPort(), SmtpSecurity.NONE, "user-a", passwordA,
                "shop-a@tenant-a.test", "Shop A", "help@tenant-a.test");
    }

    private MailProfileChanged profileOnB(String ref, long version) {
        return profile(ref, version, serverB.getSmtp().getPort(), SmtpSecurity.NONE, "user-b", passwordB,
                "shop-b@tenant-b.test", "Shop B", null);
    }

    private void publish(MailProfileChanged profile) {
        kafka.send(Topics.MAIL_PROFILES, profile.profileRef(), profile);
    }

    private void publish(SendMailRequested request) {
        kafka.send(Topics.MAIL_REQUESTS, request.profileRef(), request);
    }

    private MailDispatchResult awaitFinal(UUID messageId) {
        return await().atMost(WAIT).until(() -> kafka.resultsFor(messageId).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
    }

    private int totalOnOtherServers(GreenMail... others) {
        int total = 0;
        for (GreenMail other : others) {
            total += other.getReceivedMessages().length;
        }
        return total;
    }

    @Test
    void configuredProfileSendsThroughItsOwnServerWithItsSenderAndAuth() throws Exception {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested request = request(ref, 1, MailPurpose.WELCOME, "buyer@customer.test", "Willkommen, Zoë");
        publish(request);

        MailDispatchResult result = awaitFinal(request.messageId());
        assertEquals(MailStatus.SENT, result.status());
        assertEquals(ref, result.profileRef());
        assertEquals(MailPurpose.WELCOME, result.purpose());
        assertEquals(request.source(), result.source());
        assertEquals(1, result.attempt());

        MimeMessage[] received = serverA.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("Willkommen, Zoë", mail.getSubject());
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("shop-a@tenant-a.test", from.getAddress());
        assertEquals("Shop A", from.getPersonal());
        Address[] replyTo = mail.getReplyTo();
        assertEquals("help@tenant-a.test", ((InternetAddress) replyTo[0]).getAddress());
        assertEquals("buyer@customer.test", ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Plain body of Willkommen"), body);
        assertTrue(body.contains("<p>HTML body of Willkommen"), body);
        assertEquals(request.messageId().toString(), mail.getHeader("X-Mailoo-Message-Id")[0]);
        assertEquals(0, totalOnOtherServers(serverB, platform));

        var record = kafka.records(Topics.MAIL_RESULTS).stream()
                .filter(r -> new String(r.value()).contains(request.messageId().toString())).findFirst().orElseThrow();
        assertEquals(ref, record.key(), "results are keyed by profileRef");
        assertEquals("io.mailoo.mail.dispatch-result.v1", header(record, "ce_type"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("/mailoo/mail-dispatch-service", header(record, "ce_source"));
        assertTrue(header(record, "ce_id") != null && header(record, "ce_time") != null);
        assertEquals(request.source().service(), header(record, Topics.RESULT_SOURCE_SERVICE_HEADER),
                "services filter results by this header before decoding");
    }

    @Test
    void eachProfileUsesOnlyItsOwnServerAndADeadServerDefersThenFails() throws Exception {
        String refA = newRef();
        String refB = newRef();
        String refDown = newRef();
        int deadPort;
        try (var probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        publish(profileOnA(refA, 1));
        publish(profileOnB(refB, 1));
        publish(profile(refDown, 1, deadPort, SmtpSecurity.NONE, "user-down", "pw-down-" + UUID.randomUUID(),
                "down@tenant-down.test", null, null));

        SendMailRequested toA = request(refA, 1, MailPurpose.INBOUND_REPLY, "a@customer.test", "For A");
        SendMailRequested toB = request(refB, 1, MailPurpose.ORDER_CONFIRMATION, "b@customer.test", "For B");
        SendMailRequested toDown = Profiles.withExpiry(
                request(refDown, 1, MailPurpose.OFFER_DELIVERY, "c@customer.test", "For down"),
                Instant.now().plusSeconds(4));
        publish(toA);
        publish(toB);
        publish(toDown);

        assertEquals(MailStatus.SENT, awaitFinal(toA.messageId()).status());
        assertEquals(MailStatus.SENT, awaitFinal(toB.messageId()).status());
        MailDispatchResult failed = awaitFinal(toDown.messageId());
        assertEquals(MailStatus.FAILED, failed.status());
        assertEquals("SMTP_CONNECT_FAILED", failed.errorCode());
        List<MailDispatchResult> downResults = kafka.resultsFor(toDown.messageId());
        assertEquals(MailStatus.DEFERRED, downResults.get(0).status());
        assertTrue(downResults.get(0).nextAttemptAt() != null);

        assertEquals(1, serverA.getReceivedMessages().length);
        assertEquals("For A", serverA.getReceivedMessages()[0].getSubject());
        assertEquals(1, serverB.getReceivedMessages().length);
        assertEquals("For B", serverB.getReceivedMessages()[0].getSubject());
        assertEquals(0, platform.getReceivedMessages().length);
    }

    @Test
    void aServerThatHangsHoldsUpOnlyItsOwnProfile() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepts and never says a word
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String slowRef = newRef();
            String fastRef = newRef();
            publish(profile(slowRef, 1, silent.getLocalPort(), SmtpSecurity.NONE, null, null, "slow@tenant.test",
                    null, null));
            publish(profileOnA(fastRef, 1));
            SendMailRequested stuck = request(slowRef, 1, MailPurpose.WELCOME, "s@customer.test", "Stuck");
            publish(stuck);
            await().atMost(WAIT).until(() -> !held.isEmpty());
            SendMailRequested fast = request(fastRef, 1, MailPurpose.WELCOME, "f@customer.test", "Not held up");
            publish(fast);
            assertEquals(MailStatus.SENT, awaitFinal(fast.messageId()).status());
            assertTrue(kafka.resultsFor(stuck.messageId()).isEmpty(), "the hanging server has not answered yet");
            MailDispatchResult deferred = await().atMost(WAIT).until(() -> kafka.resultsFor(stuck.messageId())
                    .stream().findFirst().orElse(null), r -> r != null);
            assertEquals(MailStatus.DEFERRED, deferred.status(), "a silent server is given up on and retried");
            assertEquals("SMTP_TIMEOUT", deferred.errorCode());
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void unknownAndRemovedProfilesAreNotConfigured() {
        SendMailRequested unknown = request(newRef(), 0, MailPurpose.WELCOME, "x@customer.test", "Nobody");
        publish(unknown);
        MailDispatchResult result = awaitFinal(unknown.messageId());
        assertEquals(MailStatus.NOT_CONFIGURED, result.status());
        assertEquals("PROFILE_NOT_CONFIGURED", result.errorCode());

        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested before = request(ref, 1, MailPurpose.WELCOME, "y@customer.test", "Before removal");
        publish(before);
        assertEquals(MailStatus.SENT, awaitFinal(before.messageId()).status());

        kafka.send(Topics.MAIL_PROFILES, ref, (byte[]) null);
        await().atMost(WAIT).until(() -> storedProfileRemoved(ref));
        SendMailRequested after = request(ref, 1, MailPurpose.WELCOME, "z@customer.test", "After removal");
        publish(after);
        assertEquals(MailStatus.NOT_CONFIGURED, awaitFinal(after.messageId()).status());
        assertEquals(1, serverA.getReceivedMessages().length);
        assertEquals(0, totalOnOtherServers(serverB, platform));
    }

    @Test
    void aRequestNamingAVersionNotYetSeenWaitsForIt() {
        String ref = newRef();
        SendMailRequested early = request(ref, 1, MailPurpose.WELCOME, "early@customer.test", "Early bird");
        publish(early);
        publish(profileOnA(ref, 1));
        assertEquals(MailStatus.SENT, awaitFinal(early.messageId()).status());
        assertEquals(1, serverA.getReceivedMessages().length);
    }

    @Test
    void wrongPasswordFailsWithAuthErrorAndIsNotRetried() {
        String ref = newRef();
        publish(profile(ref, 1, serverA.getSmtp().getPort(), SmtpSecurity.NONE, "user-a",
                "not-the-password-" + UUID.randomUUID(), "shop-a@tenant-a.test", null, null));
        SendMailRequested request = request(ref, 1, MailPurpose.INBOUND_REPLY, "x@customer.test", "Wrong pw");
        publish(request);
        MailDispatchResult result = awaitFinal(request.messageId());
        assertEquals(MailStatus.FAILED, result.status());
        assertEquals("SMTP_AUTH_FAILED", result.errorCode());
        assertEquals(535, result.smtp().code());
        assertEquals("5.7.8", result.smtp().enhancedCode());
        assertEquals(1, kafka.resultsFor(request.messageId()).size(), "no DEFERRED before, no retry after");
        assertNull(result.nextAttemptAt());
        assertEquals(0, serverA.getReceivedMessages().length);
    }

    @Test
    void permanentRepliesFailAtOnceWithTheirCodes() throws Exception {
        try (ScriptedSmtpServer rejectingRcpt = new ScriptedSmtpServer(n -> "550 5.1.1 no such user",
                n -> "250 2.0.0 queued");
                ScriptedSmtpServer rejectingData = new ScriptedSmtpServer(n -> "250 2.1.5 ok",
                        n -> "554 5.7.1 message refused as spam")) {
            String refRcpt = newRef();
            String refData = newRef();
            publish(profile(refRcpt, 1, rejectingRcpt.port(), SmtpSecurity.NONE, null, null, "s@tenant.test", null,
                    null));
            publish(profile(refData, 1, rejectingData.port(), SmtpSecurity.NONE, null, null, "s@tenant.test", null,
                    null));
            SendMailRequested r1 = request(refRcpt, 1, MailPurpose.WELCOME, "gone@customer.test", "To nobody");
            SendMailRequested r2 = request(refData, 1, MailPurpose.WELCOME, "x@customer.test", "Spammy");
            publish(r1);
            publish(r2);
            MailDispatchResult res1 = awaitFinal(r1.messageId());
            assertEquals(MailStatus.FAILED, res1.status());
            assertEquals("RECIPIENT_REJECTED", res1.errorCode());
            assertEquals(550, res1.smtp().code());
            MailDispatchResult res2 = awaitFinal(r2.messageId());
            assertEquals(MailStatus.FAILED, res2.status());
            assertEquals("SMTP_REJECTED", res2.errorCode());
            assertEquals("5.7.1", res2.smtp().enhancedCode());
            assertEquals(1, kafka.resultsFor(r1.messageId()).size());
            assertEquals(1, kafka.resultsFor(r2.messageId()).size());
            assertTrue(rejectingRcpt.accepted().isEmpty());
            assertTrue(rejectingData.accepted().isEmpty());
        }
    }

    @Test
    void temporaryReplyDefersAndTheRetrySucceeds() throws Exception {
        try (ScriptedSmtpServer busyOnce = new ScriptedSmtpServer(n -> "250 2.1.5 ok",
                n -> n == 1 ? "451 4.3.0 try again later" : "250 2.0.0 queued")) {
            String ref = newRef();
            publish(profile(ref, 1, busyOnce.port(), SmtpSecurity.NONE, null, null, "s@tenant.test", null, null));
            SendMailRequested request = request(ref, 1, MailPurpose.ORDER_CONFIRMATION, "x@customer.test", "Later");
            publish(request);
            MailDispatchResult result = awaitFinal(request.messageId());
            assertEquals(MailStatus.SENT, result.status());
            assertEquals(2, result.attempt());
            List<MailDispatchResult> all = kafka.resultsFor(request.messageId());
            assertEquals(MailStatus.DEFERRED, all.get(0).status());
            assertEquals("SMTP_TEMPORARY_FAILURE", all.get(0).errorCode());
            assertEquals(451, all.get(0).smtp().code());
            assertEquals(1, busyOnce.accepted().size());
            assertTrue(busyOnce.accepted().get(0).contains("Subject: Later"));
        }
    }

    @Test
    void theSameMessageIdTwiceSendsOneMailAndRepublishesTheResult() {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested request = request(ref, 1, MailPurpose.WELCOME, "once@customer.test", "Only once");
        publish(request);
        assertEquals(MailStatus.SENT, awaitFinal(request.messageId()).status());
        publish(request);
        await().atMost(WAIT).until(() -> kafka.resultsFor(request.messageId()).size() == 2);
        assertTrue(kafka.resultsFor(request.messageId()).stream().allMatch(r -> r.status() == MailStatus.SENT));
        assertEquals(1, serverA.getReceivedMessages().length);
    }

    @Test
    void aProfileUpdateSendsTheNextMailToTheNewServer() throws Exception {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested first = request(ref, 1, MailPurpose.WELCOME, "p@customer.test", "Via A");
        publish(first);
        assertEquals(MailStatus.SENT, awaitFinal(first.messageId()).status());

        MailProfileChanged moved = profile(ref, 2, serverB.getSmtp().getPort(), SmtpSecurity.NONE, "user-b",
                passwordB, "shop-b@tenant-b.test", null, null);
        publish(moved);
        SendMailRequested second = request(ref, 2, MailPurpose.WELCOME, "p@customer.test", "Via B");
        publish(second);
        assertEquals(MailStatus.SENT, awaitFinal(second.messageId()).status());
        assertEquals(1, serverA.getReceivedMessages().length);
        assertEquals("Via A", serverA.getReceivedMessages()[0].getSubject());
        assertEquals(1, serverB.getReceivedMessages().length);
        assertEquals("Via B", serverB.getReceivedMessages()[0].getSubject());
    }

    @Test
    void platformProfileServesOnlyPlatformNotifications() throws Exception {
        SendMailRequested notice = request("platform", 0, MailPurpose.PLATFORM_NOTIFICATION, "ops@mailoo.test",
                "Billing run finished");
        publish(notice);
        assertEquals(MailStatus.SENT, awaitFinal(notice.messageId()).status());
        assertEquals(1, platform.getReceivedMessages().length);
        assertEquals("Billing run finished", platform.getReceivedMessages()[0].getSubject());

        SendMailRequested welcomeOnPlatform = request("platform", 0, MailPurpose.WELCOME, "x@customer.test", "No");
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested noticeOnTenant = request(ref, 1, MailPurpose.PLATFORM_NOTIFICATION, "ops@mailoo.test",
                "No either");
        publish(welcomeOnPlatform);
        publish(noticeOnTenant);
        for (SendMailRequested refused : List.of(welcomeOnPlatform, noticeOnTenant)) {
            MailDispatchResult result = awaitFinal(refused.messageId());
            assertEquals(MailStatus.REJECTED, result.status());
            assertEquals("PURPOSE_NOT_ALLOWED", result.errorCode());
        }
        assertEquals(1, platform.getReceivedMessages().length);
        assertEquals(0, totalOnOtherServers(serverA, serverB));
    }

    @Test
    void smtpTestWithInlineProfileIsSentAndNeverStored() throws Exception {
        Instant now = Instant.now();
        SendMailRequested test = Profiles.smtpTest(serverA.getSmtp().getPort(), "user-a", passwordA,
                "owner@tenant-a.test", now, now.plusSeconds(60));
        publish(test);
        MailDispatchResult result = awaitFinal(test.messageId());
        assertEquals(MailStatus.SENT, result.status());
        assertEquals(1, serverA.getReceivedMessages().length);
        assertEquals("Mailoo SMTP test", serverA.getReceivedMessages()[0].getSubject());

        assertTrue(storedRequestCleared(test.messageId()), "a final message keeps no request body");
        String ciphertext = test.inlineProfile().smtp().password().ciphertext();
        assertEquals(0L, count("SELECT count(*) FROM mail_profile WHERE profile_ref = $1 OR settings LIKE $2",
                Tuple.of(test.profileRef(), "%" + ciphertext + "%")));
        assertEquals(0L, count("SELECT count(*) FROM dispatch_message WHERE convert_from(request, 'UTF8') LIKE $1",
                Tuple.of("%" + ciphertext + "%")));

        SendMailRequested expired = Profiles.smtpTest(serverA.getSmtp().getPort(), "user-a", passwordA,
                "owner@tenant-a.test", now.minusSeconds(120), now.minusSeconds(60));
        publish(expired);
        MailDispatchResult refused = awaitFinal(expired.messageId());
        assertEquals(MailStatus.REJECTED, refused.status());
        assertEquals("INLINE_PROFILE_EXPIRED", refused.errorCode());

        Instant later = Instant.now();
        SendMailRequested wrongPassword = Profiles.smtpTest(serverA.getSmtp().getPort(), "user-a",
                "wrong-" + UUID.randomUUID(), "owner@tenant-a.test", later, later.plusSeconds(60));
        publish(wrongPassword);
        assertEquals("SMTP_AUTH_FAILED", awaitFinal(wrongPassword.messageId()).errorCode());
        assertEquals(1, serverA.getReceivedMessages().length);
    }

    @Test
    void lineBreaksInSubjectOrAddressAreRejectedAndNothingIsSent() {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested base = request(ref, 1, MailPurpose.WELCOME, "x@customer.test", "ok");
        SendMailRequested badSubject = Profiles.withSubject(base, "Hi\r\nBcc: victim@evil.test",
                List.of("x@customer.test"));
        SendMailRequested badAddress = Profiles.withSubject(request(ref, 1, MailPurpose.WELCOME, "x@customer.test",
                "ok"), "Fine subject", List.of("x@customer.test\r\nRCPT TO:<victim@evil.test>"));
        SendMailRequested invalidAddress = Profiles.withSubject(request(ref, 1, MailPurpose.WELCOME,
                "x@customer.test", "ok"), "Fine subject", List.of("not an address"));
        publish(badSubject);
        publish(badAddress);
        publish(invalidAddress);
        assertEquals("HEADER_INJECTION", awaitFinal(badSubject.messageId()).errorCode());
        assertEquals("HEADER_INJECTION", awaitFinal(badAddress.messageId()).errorCode());
        MailDispatchResult invalid = awaitFinal(invalidAddress.messageId());
        assertEquals(MailStatus.REJECTED, invalid.status());
        assertEquals("ADDRESS_INVALID", invalid.errorCode());
        assertEquals(0, totalOnOtherServers(serverA, serverB, platform));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextOneIsServed() {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        kafka.send(Topics.MAIL_REQUESTS, ref, "{not json".getBytes());
        SendMailRequested next = request(ref, 1, MailPurpose.WELCOME, "next@customer.test", "After the poison");
        publish(next);
        assertEquals(MailStatus.SENT, awaitFinal(next.messageId()).status());
        await().atMost(WAIT).until(() -> kafka.records(Topics.MAIL_REQUESTS_DLQ).stream().anyMatch(r -> ref.equals(r.key())));
        var dead = kafka.records(Topics.MAIL_REQUESTS_DLQ).stream().filter(r -> ref.equals(r.key())).findFirst().orElseThrow();
        assertEquals("{}", new String(dead.value()), "nothing of an unreadable value is kept");
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value());
        assertTrue(reason.contains("SendMailRequested"), reason);
    }

    @Test
    void repeatedAuthFailuresSuspendTheProfileAndTellOperatorsAndANewVersionLiftsIt() throws Exception {
        String ref = newRef();
        publish(profile(ref, 1, serverA.getSmtp().getPort(), SmtpSecurity.NONE, "user-a",
                "stale-" + UUID.randomUUID(), "shop-a@tenant-a.test", null, null));
        for (int i = 0; i < 3; i++) {
            SendMailRequested r = request(ref, 1, MailPurpose.INBOUND_REPLY, "x@customer.test", "Attempt " + i);
            publish(r);
            assertEquals("SMTP_AUTH_FAILED", awaitFinal(r.messageId()).errorCode());
        }
        SendMailRequested blocked = request(ref, 1, MailPurpose.INBOUND_REPLY, "x@customer.test", "Blocked");
        publish(blocked);
        MailDispatchResult suspended = awaitFinal(blocked.messageId());
        assertEquals(MailStatus.FAILED, suspended.status());
        assertEquals("PROFILE_SUSPENDED", suspended.errorCode());
        var suspendedRecord = kafka.records(Topics.MAIL_RESULTS).stream()
                .filter(r -> new String(r.value()).contains(blocked.messageId().toString())).findFirst().orElseThrow();
        assertEquals("PROFILE_SUSPENDED", header(suspendedRecord, Topics.RESULT_ERROR_CODE_HEADER),
                "the profile's owner spots a suspension by this header without decoding");
        await().atMost(WAIT).until(() -> platform.getReceivedMessages().length == 1);
        MimeMessage notice = platform.getReceivedMessages()[0];
        assertTrue(notice.getSubject().contains(ref), notice.getSubject());
        assertEquals("ops@mailoo.test", ((InternetAddress) notice.getAllRecipients()[0]).getAddress());

        publish(profileOnA(ref, 2));
        SendMailRequested afterFix = request(ref, 2, MailPurpose.INBOUND_REPLY, "x@customer.test", "Fixed");
        publish(afterFix);
        assertEquals(MailStatus.SENT, awaitFinal(afterFix.messageId()).status());
        assertEquals(1, serverA.getReceivedMessages().length);
    }

    @Test
    void operatorsListMessagesAndProfilesWithTheOperatorGroupOnly() {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested request = request(ref, 1, MailPurpose.WELCOME, "op@customer.test", "For the log");
        publish(request);
        assertEquals(MailStatus.SENT, awaitFinal(request.messageId()).status());

        given().get("/api/v1/dispatch/messages").then().statusCode(401);
        given().auth().oauth2(TestKeys.token("user-1", "user-1@mailoo.test", Set.of("user")))
                .get("/api/v1/dispatch/messages").then().statusCode(403);
        String operator = TestKeys.token("ops-1", "ops-1@mailoo.test", Set.of("operator"));
        String body = given().auth().oauth2(operator).queryParam("profileRef", ref)
                .get("/api/v1/dispatch/messages").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].messageId", equalTo(request.messageId().toString()))
                .body("[0].status", equalTo("SENT"))
                .body("[0].purpose", equalTo("WELCOME"))
                .extract().asString();
        assertFalse(body.contains("Plain body"), "bodies are not shown to operators");
        assertFalse(body.contains("op@customer.test"), "recipients are not shown to operators");

        String profile = given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + ref)
                .then().statusCode(200)
                .body("configured", equalTo(true))
                .body("version", equalTo(1))
                .body("port", equalTo(serverA.getSmtp().getPort()))
                .body("counts.SENT", equalTo(1))
                .body("suspended", equalTo(false))
                .extract().asString();
        assertFalse(profile.contains(passwordA));
        assertFalse(profile.contains("ciphertext"));

        given().auth().oauth2(operator).queryParam("status", "LOST").get("/api/v1/dispatch/messages")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("STATUS_INVALID"))
                .body("errors[0].field", equalTo("status")).body("errors[0].code", equalTo("STATUS_INVALID"));
        given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/integration:" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PROFILE_UNKNOWN"));
        given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/nonsense")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PROFILE_REF_INVALID")).body("errors[0].field", equalTo("profileRef"));
    }

    @Test
    void metricsCountResultsByPurposeAndStatusAndHealthIsUp() {
        String ref = newRef();
        publish(profileOnA(ref, 1));
        SendMailRequested request = request(ref, 1, MailPurpose.OFFER_INTERNAL_NOTIFICATION, "m@customer.test",
                "Metrics");
        publish(request);
        assertEquals(MailStatus.SENT, awaitFinal(request.messageId()).status());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("mailoo_dispatch_results_total{purpose=\"OFFER_INTERNAL_NOTIFICATION\",status=\"SENT\"}"),
                "results counter");
        assertTrue(metrics.contains("mailoo_dispatch_send_duration_seconds_bucket"), "latency histogram");
        assertTrue(metrics.contains("mailoo_dispatch_sends_in_flight"), "in-flight gauge");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
            String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean storedProfileRemoved(String ref) {
        return count("SELECT count(*) FROM mail_profile WHERE profile_ref = $1 AND removed", Tuple.of(ref)) == 1;
    }

    private boolean storedRequestCleared(UUID messageId) {
        return count("SELECT count(*) FROM dispatch_message WHERE message_id = $1 AND request IS NULL",
                Tuple.of(messageId)) == 1;
    }

    private long count(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
    }
}
