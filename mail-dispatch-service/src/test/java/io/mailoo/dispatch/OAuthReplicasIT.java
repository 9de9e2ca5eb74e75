package io.mailoo.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.testsupport.oauth.OAuthSmtpServer;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.dispatch.support.ScriptedTokenServer;
import io.mailoo.testsupport.DispatchProcess;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.SecretLeakCheck;

/**
 * OAuth2 grants across packaged dispatchers sharing one database: two replicas that need the same grant's first
 * access token at the same moment call a rotating token endpoint once and both send; after every dispatcher is
 * stopped and a new one started, the rotated refresh token (the connect's is dead by then) is the one it uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthReplicasIT {

    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    static GreenMail platform;
    static ScriptedTokenServer tokens;
    static OAuthSmtpServer smtp;
    static List<DispatchProcess> replicas = new ArrayList<>();
    static KafkaTestClient kafka;
    static final String ACCOUNT = "replicas-" + UUID.randomUUID() + "@tenant.test";
    static final String REF = Profiles.newRef();
    static final String GRANT = UUID.randomUUID().toString();
    static String connectToken;

    @BeforeAll
    static void start() throws Exception {
        platform = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        platform.start();
        tokens = new ScriptedTokenServer().rotate(true);
        smtp = new OAuthSmtpServer("XOAUTH2", tokens::accepts);
        connectToken = tokens.grant(ACCOUNT);
        replicas.addAll(DispatchProcess.startReplicas(2, platform.getSmtp().getPort(), oauthEnvironment()));
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    private static Map<String, String> oauthEnvironment() {
        return tokens.genericAppEnvironment();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (DispatchProcess replica : replicas) {
                SecretLeakCheck.inLog(replica.log(), "mail-dispatch-service").records(kafka, Topics.MAIL_RESULTS)
                        .assertNoneLeaked();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            replicas.forEach(DispatchProcess::close);
            smtp.close();
            tokens.close();
            platform.stop();
        }
    }

    private static MailProfileChanged profile(long version) {
        return Profiles.oauthProfile(REF, version, smtp.port(), ACCOUNT, GRANT, connectToken,
                new ProfileLimits(2, 6000));
    }

    @Test
    @Order(1)
    void twoReplicasNeedingTheGrantsFirstTokenAtOnceCallTheEndpointOnceAndBothSend() throws Exception {
        kafka.send(Topics.MAIL_PROFILES, REF, profile(1));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM oauth_grant WHERE grant_id = ?", GRANT) == 1);
        // SMTP tests of the saved grant (sent wherever they arrive), one on every request partition, so on both
        // replicas; the endpoint holds its answer so every login waits for the same refresh
        tokens.hold(2000);
        int before = tokens.refreshCalls();
        List<UUID> ids = new ArrayList<>();
        for (String key : keysForEveryPartition()) {
            SendMailRequested test = smtpTest();
            ids.add(test.messageId());
            kafka.send(Topics.MAIL_REQUESTS, key, test);
        }
        for (UUID id : ids) {
            MailDispatchResult result = await().atMost(WAIT).until(() -> kafka.resultsFor(id).stream()
                    .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
            assertEquals(MailStatus.SENT, result.status(), result.toString());
        }
        tokens.hold(0);
        assertEquals(before + 1, tokens.refreshCalls(), "one refresh for both replicas");
        assertEquals(PARTITIONS, smtp.logins().size());
        assertEquals(List.of(), smtp.refusals());
    }

    @Test
    @Order(2)
    void aRestartedDispatcherUsesTheRotatedRefreshTokenNotTheConnectsOne() throws Exception {
        replicas.forEach(DispatchProcess::close);
        List<DispatchProcess> stopped = new ArrayList<>(replicas);
        replicas.clear();
        replicas.addAll(DispatchProcess.startReplicas(1, platform.getSmtp().getPort(), oauthEnvironment()));
        // the provider forgets the access tokens: the next login is refused and forces a refresh, which works only
        // with the token the first refresh rotated to (stored in PostgreSQL, sealed)
        tokens.expireAccessTokens();
        int before = tokens.refreshCalls();
        kafka.send(Topics.MAIL_PROFILES, REF, profile(2));
        SendMailRequested mail = Profiles.request(REF, 2, MailPurpose.WELCOME, "reader@customer.test", "After");
        kafka.send(Topics.MAIL_REQUESTS, REF, mail);
        MailDispatchResult result = await().atMost(WAIT).until(() -> kafka.resultsFor(mail.messageId()).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
        assertEquals(MailStatus.SENT, result.status(), result.toString());
        assertEquals(before + 1, tokens.refreshCalls());
        assertTrue(count("SELECT count(*) FROM oauth_grant WHERE grant_id = ? AND state = 'ACTIVE'", GRANT) == 1);
        for (DispatchProcess old : stopped) {
            SecretLeakCheck.inLog(old.log(), "mail-dispatch-service").assertNoneLeaked();
        }
    }

    private static SendMailRequested smtpTest() {
        UUID id = UUID.randomUUID();
        String context = InlineProfile.associatedData(id);
        SmtpServer server = new SmtpServer("127.0.0.1", smtp.port(), SmtpSecurity.NONE, ACCOUNT, null,
                new OAuth2Login(OAuth2Provider.GENERIC, ACCOUNT, GRANT, Profiles.seal(connectToken,
                        SecretBinding.oauth2Token(context, "127.0.0.1", smtp.port(), SmtpSecurity.NONE, ACCOUNT,
                                OAuth2Provider.GENERIC, ACCOUNT, GRANT)), null));
        Instant now = Instant.now();
        return new SendMailRequested(id, REF, 0, MailPurpose.SMTP_TEST, "project-test",
                new MailSource("dispatch-test", "SmtpTest", id.toString()), List.of("owner@tenant.test"), null, null,
                null, "Mailoo SMTP test", "This is a test", null, Map.of(),
                new InlineProfile(server, new Sender(ACCOUNT, "Replicas"), null), now, now.plusSeconds(55));
    }

    /** One Kafka key per partition of the request topic (the default partitioner's murmur2). */
    private static List<String> keysForEveryPartition() {
        Map<Integer, String> keys = new HashMap<>();
        for (int i = 0; keys.size() < PARTITIONS; i++) {
            String key = REF + "#" + i;
            keys.putIfAbsent(Utils.toPositive(Utils.murmur2(key.getBytes())) % PARTITIONS, key);
        }
        return List.copyOf(keys.values());
    }

    private static int count(String sql, String value) throws SQLException {
        try (Connection c = database(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        Map<String, String> env = System.getenv();
        return DriverManager.getConnection("jdbc:postgresql://" + env.getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1")
                + ":" + env.getOrDefault("MAILOO_TEST_DB_PORT", "5432") + "/" + DispatchProcess.databaseForThisModule(),
                env.getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"),
                env.getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
    }
}
