package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.profile;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.HostileSmtpServer;
import io.mailoo.dispatch.support.ListeningServer;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.PlatformSmtp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a hostile topic writer or SMTP server can do, through the real broker, PostgreSQL and SMTP servers: a sealed
 * password put beside another server, replies without end, poisoned requests (and a DLQ that refuses them).
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class DispatchSafeguardsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static GreenMail tenant;
    static String password;
    static KafkaTestClient kafka;

    @PlatformSmtp
    GreenMail platform;

    @ConfigProperty(name = "mp.messaging.incoming.mail-requests.group.id")
    String requestGroup;

    @BeforeAll
    static void start() {
        tenant = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        tenant.start();
        password = "pw-tenant-" + UUID.randomUUID();
        tenant.setUser("shop@tenant.test", "shop-user", password);
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS, Topics.MAIL_REQUESTS_DLQ, Topics.MAIL_PROFILES);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("dispatch"), "Mail profile")
                    .records(kafka.records(Topics.MAIL_RESULTS)).assertNoneLeaked();
            assertNoSecretIn(kafka.records(Topics.MAIL_REQUESTS_DLQ));
        } finally {
            kafka.close();
            tenant.stop();
        }
    }

    @BeforeEach
    void purge() throws Exception {
        tenant.purgeEmailFromAllMailboxes();
        platform.purgeEmailFromAllMailboxes();
    }

    private MailProfileChanged onTenant(String ref, long version) {
        return profile(ref, version, tenant.getSmtp().getPort(), SmtpSecurity.NONE, "shop-user", password,
                "shop@tenant.test", "Shop", null);
    }

    private MailDispatchResult send(String ref, long version, String subject) {
        SendMailRequested request = request(ref, version, MailPurpose.WELCOME, "buyer@customer.test", subject);
        kafka.send(Topics.MAIL_REQUESTS, ref, request);
        return awaitFinal(request.messageId());
    }

    private static MailDispatchResult awaitFinal(UUID messageId) {
        return await().atMost(WAIT).until(() -> kafka.resultsFor(messageId).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void aSealedPasswordCopiedBesideAnotherServerDoesNotOpenAndNothingConnectsThere() throws Exception {
        String ref = newRef();
        kafka.send(Topics.MAIL_PROFILES, ref, onTenant(ref, 1));
        assertEquals(MailStatus.SENT, send(ref, 1, "Before the copy").status(), "the stored profile works");

        try (ListeningServer attacker = new ListeningServer()) {
            // what an attacker who can write to the topic does: the stored event, its SealedSecret unchanged,
            // another host and port, version + 1
            MailProfileChanged stored = await().atMost(WAIT).until(() -> kafka.records(Topics.MAIL_PROFILES).stream()
                    .filter(r -> ref.equals(r.key()) && r.value() != null)
                    .map(r -> EventCodec.decode(r.value(), MailProfileChanged.class)).findFirst().orElse(null),
                    p -> p != null);
            SmtpServer moved = new SmtpServer("localhost", attacker.port(), stored.smtp().security(),
                    stored.smtp().username(), stored.smtp().password());
            kafka.send(Topics.MAIL_PROFILES, ref, new MailProfileChanged(ref, stored.projectUid(),
                    stored.version() + 1, moved, stored.from(), stored.replyTo(), stored.limits()));

            MailDispatchResult first = send(ref, 2, "After the copy");
            MailDispatchResult second = send(ref, 2, "After the copy, again");
            for (MailDispatchResult result : List.of(first, second)) {
                assertEquals(MailStatus.FAILED, result.status());
                assertEquals("SMTP_PASSWORD_UNREADABLE", result.errorCode());
                assertNull(result.smtp());
            }
            assertEquals(0, attacker.connections(), "no connection, so no AUTH, reached the other server");

            await().atMost(WAIT).until(() -> platform.getReceivedMessages().length >= 1);
            var notice = platform.getReceivedMessages()[0];
            assertEquals("ops@mailoo.test", notice.getAllRecipients()[0].toString());
            assertTrue(notice.getSubject().contains(ref), notice.getSubject());
            String body = GreenMailUtil.getBody(notice);
            assertTrue(body.contains("SMTP_PASSWORD_UNREADABLE"), body);
            assertFalse(body.contains(password));
            assertFalse(body.contains(stored.smtp().password().ciphertext()));
            // one notice per profile version however many mails fail: the throttle
            send(ref, 2, "Third after the copy");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> platform.getReceivedMessages().length == 1);
        }
        assertEquals(1, tenant.getReceivedMessages().length, "only the mail before the copy went out");
    }

    @Test
    void endlessContinuationLinesAreCutAndAnotherProfileKeepsSending() throws Exception {
        assertHostileServerIsCut(HostileSmtpServer.Mode.ENDLESS_CONTINUATION_LINES);
    }

    @Test
    void anEndlessLineWithoutCrlfIsCutAndAnotherProfileKeepsSending() throws Exception {
        assertHostileServerIsCut(HostileSmtpServer.Mode.ENDLESS_LINE_WITHOUT_CRLF);
    }

    private void assertHostileServerIsCut(HostileSmtpServer.Mode mode) throws Exception {
        try (HostileSmtpServer hostile = new HostileSmtpServer(mode, 20_000)) {
            String hostileRef = newRef();
            String goodRef = newRef();
            kafka.send(Topics.MAIL_PROFILES, hostileRef, profile(hostileRef, 1, hostile.port(), SmtpSecurity.NONE,
                    null, null, "hostile@tenant.test", null, null));
            kafka.send(Topics.MAIL_PROFILES, goodRef, onTenant(goodRef, 1));
            SendMailRequested toHostile = request(hostileRef, 1, MailPurpose.WELCOME, "h@customer.test", "Hostile");
            kafka.send(Topics.MAIL_REQUESTS, hostileRef, toHostile);
            await().atMost(WAIT).until(() -> hostile.connections() > 0);
            MailDispatchResult good = send(goodRef, 1, "Meanwhile on a good server " + mode);

            MailDispatchResult cut = awaitFinal(toHostile.messageId());
            assertEquals(MailStatus.FAILED, cut.status(), "cut by the reply bound, not by the 4 s reply timeout");
            assertEquals("SMTP_PROTOCOL_ERROR", cut.errorCode());
            assertTrue(hostile.awaitClosedByClient(10_000), "dispatch closed the connection");
            assertEquals(1, hostile.connections(), "not retried");
            assertEquals(MailStatus.SENT, good.status());
        }
    }

    @Test
    void aPoisonedRequestReachesTheDeadLetterTopicWithoutProfileOrBody() {
        String ref = newRef();
        UUID id = UUID.randomUUID();
        String poisoned = "{\"messageId\":\"" + id + "\",\"profileRef\":\"" + ref + "\",\"purpose\":\"WELCOME\","
                + "\"subject\":\"Secret subject " + id + "\",\"text\":\"body " + id + "\",\"html\":\"<p>" + id
                + "</p>\",\"to\":\"not-a-list\",\"inlineProfile\":{\"smtp\":{\"host\":\"h\",\"password\":"
                + "{\"keyId\":\"k\",\"ciphertext\":\"CIPHER-" + id + "\"}}}}";
        kafka.send(Topics.MAIL_REQUESTS, ref, poisoned.getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.MAIL_REQUESTS, ref, "{not json".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(WAIT).until(() -> dlq(ref), l -> l.size() == 2);

        String first = new String(dead.get(0).value(), StandardCharsets.UTF_8);
        Map<?, ?> kept = EventCodec.decode(dead.get(0).value(), Map.class);
        assertEquals(Set.of("messageId", "profileRef", "purpose"), kept.keySet(), first);
        assertEquals(id.toString(), kept.get("messageId"));
        assertFalse(first.contains("Secret subject") || first.contains("body ") || first.contains("CIPHER-"), first);
        assertEquals("{}", new String(dead.get(1).value(), StandardCharsets.UTF_8), "nothing readable is kept");
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertTrue(header(record, "dead-letter-reason").contains("SendMailRequested"));
            assertEquals(Topics.MAIL_REQUESTS, header(record, "dead-letter-topic"));
            assertTrue(Integer.parseInt(header(record, "dead-letter-original-bytes")) > 0);
            assertFalse(header(record, "dead-letter-reason").contains(id.toString()), "the reason echoes nothing");
        }
    }

    @Test
    void aDeadLetterTheBrokerRefusesLeavesTheBatchUncommittedUntilItIsWritten() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP))) {
            ConfigResource dlqTopic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MAIL_REQUESTS_DLQ);
            String ref = newRef();
            kafka.send(Topics.MAIL_PROFILES, ref, onTenant(ref, 1));
            Map<TopicPartition, Long> before = endOffsets(admin);
            setDlqMaxMessageBytes(admin, dlqTopic, "1"); // every DLQ write is now refused (RecordTooLarge)
            try {
                kafka.send(Topics.MAIL_REQUESTS, ref, "{poison".getBytes(StandardCharsets.UTF_8));
                Map<TopicPartition, Long> after = endOffsets(admin);
                TopicPartition partition = after.keySet().stream()
                        .filter(tp -> after.get(tp) > before.get(tp)).findFirst().orElseThrow();
                long poisonOffset = before.get(partition);
                // a throttled commit runs every 5 s: over 7 s the poisoned record's offset is never committed
                await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(12))
                        .until(() -> committed(admin, partition) <= poisonOffset && dlq(ref).isEmpty());
            } finally {
                setDlqMaxMessageBytes(admin, dlqTopic, null);
            }
            await().atMost(WAIT).until(() -> dlq(ref).size() == 1);
            assertEquals(MailStatus.SENT, send(ref, 1, "After the DLQ recovered").status());
            TopicPartition partition = new TopicPartition(Topics.MAIL_REQUESTS,
                    Integer.parseInt(header(dlq(ref).get(0), "dead-letter-partition")));
            long poisonOffset = Long.parseLong(header(dlq(ref).get(0), "dead-letter-offset"));
            await().atMost(WAIT).until(() -> committed(admin, partition) > poisonOffset);
        }
    }

    private List<ConsumerRecord<String, byte[]>> dlq(String ref) {
        return kafka.records(Topics.MAIL_REQUESTS_DLQ).stream().filter(r -> ref.equals(r.key())).toList();
    }

    private static void setDlqMaxMessageBytes(Admin admin, ConfigResource topic, String value) throws Exception {
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(topic, List.of(op));
        admin.incrementalAlterConfigs(change).all().get();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.MAIL_REQUESTS)).allTopicNames().get()
                .get(Topics.MAIL_REQUESTS).partitions();
        Map<TopicPartition, OffsetSpec> query = partitions.stream().collect(Collectors.toMap(
                p -> new TopicPartition(Topics.MAIL_REQUESTS, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(query).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(requestGroup).partitionsToOffsetAndMetadata()
                .get().get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertNoSecretIn(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertFalse(value.contains(password) || value.contains("ciphertext"), "a secret is in the DLQ");
        }
    }
}
