package io.mailoo.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.support.MeteredSmtpServer;
import io.mailoo.dispatch.support.MeteredSmtpServer.Attempt;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.testsupport.DispatchProcess;
import io.mailoo.testsupport.KafkaTestClient;
import io.restassured.path.json.JsonPath;

/**
 * Two packaged dispatchers as replicas (one consumer group, one database) against the real broker, PostgreSQL and
 * SMTP servers: a profile's limits hold although every retry could be polled by either replica, and when one
 * replica is killed with SIGKILL while holding a profile's mail, the other sends all of it within 30 s with no more
 * duplicates than docs/dispatch.md promises, and a replica that joins takes over its partitions' mail while the
 * old owner finishes what it has in flight, nothing sent twice. Production defaults for the lease (15 s) and the
 * consumer's session timeout (10 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatchReplicasIT {

    private static final int PARTITIONS = 6;

    static GreenMail platform;
    static List<DispatchProcess> replicas;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() throws SQLException {
        // a process killed with SIGKILL resets its SMTP connections: GreenMail's handler thread then throws, which is
        // expected here and must not fail the awaits (Awaitility fails on any thread's uncaught exception by default)
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        forgetEarlierRuns();
        // sends held at a gated server stay in flight for as long as a replica takes to start
        replicas = new ArrayList<>(DispatchProcess.startReplicas(2, platform.getSmtp().getPort(),
                Map.of("DISPATCH_SEND_TIMEOUT", "PT5M")));
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Awaitility.reset();
        if (kafka != null) {
            kafka.close();
        }
        if (replicas != null) {
            replicas.forEach(DispatchProcess::close);
        }
        platform.stop();
    }

    /**
     * One profile, messagesPerMinute 120 and maxConnections 2, on a server that holds each reply 400 ms (so sends
     * overlap) and greylists every message once (451, then 250 on the retry): half of the sends are retries that
     * come from PostgreSQL, where both replicas poll. Only the replica owning the profile's partition may take them.
     */
    @Test
    @Order(1)
    void aProfilesLimitsHoldWithTwoReplicas() throws Exception {
        int perMinute = 120;
        int messages = 30;
        try (MeteredSmtpServer server = new MeteredSmtpServer(
                (id, arrival) -> arrival == 1 ? "451 4.7.1 Greylisted, try again later" : "250 2.0.0 Ok",
                Duration.ofMillis(400))) {
            String ref = Profiles.newRef();
            publishProfile(ref, server.port(), new ProfileLimits(2, perMinute));
            Set<String> ids = publishRequests(ref, messages);

            await().atMost(Duration.ofSeconds(120)).until(() -> server.attempts().stream()
                    .filter(Attempt::accepted).map(Attempt::messageId).collect(Collectors.toSet()).containsAll(ids));

            List<Attempt> attempts = server.attempts();
            assertEquals(2 * messages, attempts.size(), "each message greylisted once, then accepted once");
            assertTrue(server.mostConnectionsAtOnce() <= 2,
                    "at most maxConnections sockets across both replicas: " + server.mostConnectionsAtOnce());
            double burst = Math.max(1, perMinute / 20.0);
            for (int seconds : new int[] {5, 10, 20, 60}) {
                int most = mostInAnyWindow(attempts, seconds * 1000L);
                // the token bucket's envelope (burst + rate × window), plus 1 s for the jitter of reply times
                double allowed = burst + perMinute * (seconds + 1) / 60.0 + 1;
                System.out.printf("limits: most sends in %d s: %d (allowed %.0f)%n", seconds, most, allowed);
                assertTrue(most <= allowed, "in " + seconds + " s: " + most + " sends, allowed " + allowed);
            }
            assertTrue(mostInAnyWindow(attempts, 60_000) <= perMinute * 1.1, "within 10 % of messagesPerMinute");
        }
    }

    /**
     * The replica that owns the profile's partition holds most of 200 messages (messagesPerMinute 1200 keeps them
     * in memory) when it is killed; the survivor takes the partition (session timeout) and the rows (lease) over.
     */
    @Test
    @Order(2)
    void mailAKilledReplicaHeldIsSentByTheSurvivorWithinThirtySeconds() throws Exception {
        int messages = 200;
        int maxConnections = 2;
        DispatchProcess victim = replicas.get(0);
        Map<String, Object> leases = leaseCheck(victim);
        UUID victimInstance = UUID.fromString((String) leases.get("instance"));
        Set<Integer> victimPartitions = Arrays.stream(((String) leases.get("requestPartitions")).split(","))
                .map(Integer::valueOf).collect(Collectors.toSet());
        String ref = refInPartitions(victimPartitions);

        GreenMail tenant = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        tenant.start();
        try {
            publishProfile(ref, tenant.getSmtp().getPort(), new ProfileLimits(maxConnections, 1200));
            Set<String> ids = publishRequests(ref, messages);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedRows(ids) == messages
                    && tenant.getReceivedMessages().length >= 70);
            int held = leasedTo(ids, victimInstance);

            long killedAt = System.nanoTime();
            victim.kill();
            int sentBeforeKill = tenant.getReceivedMessages().length;
            assertTrue(held > 0 && sentBeforeKill < messages,
                    "the victim held mail when it died: " + held + " leased, " + sentBeforeKill + " sent");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> messageIds(tenant).containsAll(ids));
            double recovery = (System.nanoTime() - killedAt) / 1e9;
            List<String> received = receivedIds(tenant);
            int duplicates = received.size() - new HashSet<>(received).size();
            System.out.printf("kill -9: %d held by the victim, %d sent before the kill; all %d sent %.1f s after it;"
                    + " %d duplicates%n", held, sentBeforeKill, messages, recovery, duplicates);
            assertTrue(duplicates <= 2 * maxConnections,
                    duplicates + " duplicates, the bound is 2 × maxConnections = " + 2 * maxConnections);
            await().atMost(Duration.ofSeconds(20)).until(() -> sentRows(ids) == messages);
        } finally {
            tenant.stop();
        }
    }

    /**
     * After the kill only the survivor is left, owning every partition. It holds one profile per partition, each
     * with its one connection's send held in flight by the server and nine more queued, when a new replica joins:
     * the partitions that move take their queued mail along (the survivor gives those leases up, the newcomer's
     * poller takes them), the send in flight stays leased to the survivor, which finishes it. The records of the
     * moved partitions that the newcomer may read again are already stored and are not sent again.
     */
    @Test
    @Order(3)
    void aJoiningReplicaTakesOverItsPartitionsMailAndNothingIsSentTwice() throws Exception {
        int perProfile = 10;
        DispatchProcess survivor = replicas.get(1);
        UUID survivorInstance = UUID.fromString((String) leaseCheck(survivor).get("instance"));
        try (MeteredSmtpServer server = MeteredSmtpServer.accepting()) {
            server.hold();
            Map<Integer, Set<String>> idsByPartition = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                String ref = refInPartitions(Set.of(partition));
                publishProfile(ref, server.port(), new ProfileLimits(1, 6000));
                Set<String> ofProfile = publishRequests(ref, perProfile);
                idsByPartition.put(partition, ofProfile);
                ids.addAll(ofProfile);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> storedRows(ids) == ids.size()
                    && server.waitingForReply() == PARTITIONS);

            DispatchProcess joined = survivor.startAnother("mail-dispatch-systest-2", 2);
            replicas.add(joined);
            AtomicReference<Map<String, Object>> joinedLeases = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                joinedLeases.set(leaseCheck(joined));
                String partitions = (String) joinedLeases.get().get("requestPartitions");
                if (partitions.isEmpty()) {
                    return false;
                }
                UUID joinedInstance = UUID.fromString((String) joinedLeases.get().get("instance"));
                for (String partition : partitions.split(",")) {
                    Set<String> moved = idsByPartition.get(Integer.valueOf(partition));
                    if (leasedTo(moved, survivorInstance) != 1 || leasedTo(moved, joinedInstance) != perProfile - 1) {
                        return false;
                    }
                }
                return true;
            });
            System.out.printf("join: the new replica took partitions %s; one send each stayed with the survivor%n",
                    joinedLeases.get().get("requestPartitions"));

            server.release();
            await().atMost(Duration.ofSeconds(60)).until(() -> server.attempts().stream().map(Attempt::messageId)
                    .collect(Collectors.toSet()).containsAll(ids));
            assertEquals(ids.size(), server.attempts().size(), "every message sent once, none twice");
            assertTrue(server.mostConnectionsAtOnce() <= 2 * PARTITIONS,
                    "one connection per profile per replica: " + server.mostConnectionsAtOnce());
        }
    }

    private static void publishProfile(String ref, int port, ProfileLimits limits) {
        kafka.send(Topics.MAIL_PROFILES, ref, new MailProfileChanged(ref, "project-test", 1,
                new SmtpServer("127.0.0.1", port, SmtpSecurity.NONE, null, null),
                new Sender("shop@tenant.test", "Shop"), null, limits));
    }

    private static Set<String> publishRequests(String ref, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SendMailRequested request = Profiles.request(ref, 1, MailPurpose.ORDER_CONFIRMATION,
                    "buyer-" + i + "@customer.test", "Order " + i);
            kafka.send(Topics.MAIL_REQUESTS, ref, request);
            ids.add(request.messageId().toString());
        }
        return ids;
    }

    /** The most attempts whose DATA ended within any {@code windowMillis}. */
    private static int mostInAnyWindow(List<Attempt> attempts, long windowMillis) {
        List<Long> times = attempts.stream().map(Attempt::atMillis).sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; first < times.size(); first++) {
            while (last < times.size() && times.get(last) < times.get(first) + windowMillis) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    /** The replica's dispatch-leases readiness data: its instance id and the request partitions it owns. */
    private static Map<String, Object> leaseCheck(DispatchProcess replica) {
        JsonPath health = given().baseUri("http://127.0.0.1:" + replica.port()).get("/q/health/ready").jsonPath();
        return health.getMap("checks.find { it.name == 'dispatch-leases' }.data");
    }

    /** A new profileRef whose requests Kafka's default partitioner puts into one of {@code partitions}. */
    private static String refInPartitions(Set<Integer> partitions) {
        while (true) {
            String ref = Profiles.newRef();
            int partition = Utils.toPositive(Utils.murmur2(ref.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (partitions.contains(partition)) {
                return ref;
            }
        }
    }

    private static Set<String> messageIds(GreenMail server) throws MessagingException {
        return new HashSet<>(receivedIds(server));
    }

    private static List<String> receivedIds(GreenMail server) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            ids.add(message.getHeader("X-Mailoo-Message-Id", null));
        }
        return ids;
    }

    private static int storedRows(Set<String> ids) throws SQLException {
        return count("SELECT count(*) FROM dispatch_message WHERE message_id = ANY(?::uuid[])", ids, null);
    }

    private static int leasedTo(Set<String> ids, UUID owner) throws SQLException {
        return count("SELECT count(*) FROM dispatch_message WHERE message_id = ANY(?::uuid[]) AND status = 'QUEUED' "
                + "AND lease_owner = ?::uuid", ids, owner.toString());
    }

    private static int sentRows(Set<String> ids) throws SQLException {
        return count("SELECT count(*) FROM dispatch_message WHERE message_id = ANY(?::uuid[]) AND status = 'SENT'",
                ids, null);
    }

    private static int count(String sql, Set<String> ids, String second) throws SQLException {
        try (Connection c = database(DispatchProcess.databaseForThisModule());
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setArray(1, c.createArrayOf("text", ids.toArray()));
            if (second != null) {
                statement.setString(2, second);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The replicas' database outlives a run: rows of an earlier (maybe aborted) run must not be polled now. */
    private static void forgetEarlierRuns() throws SQLException {
        io.mailoo.testsupport.TestDatabases.createIfMissing(DispatchProcess.databaseForThisModule());
        try (Connection c = database(DispatchProcess.databaseForThisModule());
                var statement = c.createStatement()) {
            statement.execute("DO $$ BEGIN IF to_regclass('dispatch_message') IS NOT NULL THEN "
                    + "DELETE FROM dispatch_message; END IF; END $$");
        }
    }

    private static Connection database(String name) throws SQLException {
        Map<String, String> env = new HashMap<>(System.getenv());
        return DriverManager.getConnection("jdbc:postgresql://" + env.getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1")
                + ":" + env.getOrDefault("MAILOO_TEST_DB_PORT", "5432") + "/" + name,
                env.getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"),
                env.getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
    }
}
