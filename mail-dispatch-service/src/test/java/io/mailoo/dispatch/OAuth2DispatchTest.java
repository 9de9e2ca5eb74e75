package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.oauthProfile;
import static io.mailoo.dispatch.support.Profiles.request;
import static io.mailoo.dispatch.support.Profiles.withExpiry;
import static io.mailoo.dispatch.support.Profiles.withSubject;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;
import io.mailoo.dispatch.oauth.OAuthGrants;
import io.mailoo.dispatch.oauth.OAuthTokenEndpoint;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository;
import io.mailoo.dispatch.support.DeliveryLogClient;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.testsupport.oauth.OAuthSmtpServer;
import io.mailoo.dispatch.support.OAuthTestResources;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.dispatch.support.ScriptedTokenServer;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.SecretLeakCheck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * OAuth2 profiles against real pieces: a token endpoint (refresh_token grant, rotation, invalid_grant) and an SMTP
 * server that takes only XOAUTH2/OAUTHBEARER logins with a token that endpoint issued and that is still live; the
 * platform SMTP (GreenMail) for operator notices; PostgreSQL for the grant store and the daily count.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OAuthTestResources.class, restrictToAnnotatedClass = true)
class OAuth2DispatchTest {

    static ResultsTopic results;

    @PlatformSmtp
    GreenMail platform;

    @Inject
    OAuthGrantRepository grantRepository;
    @Inject
    DispatchMessageRepository messageRepository;
    @Inject
    OAuthTokenEndpoint endpoint;
    @Inject
    SmtpSecretCipher cipher;
    @Inject
    DispatchSettings settings;
    @Inject
    OperatorNoticePublisher notices;
    @Inject
    io.mailoo.dispatch.oauth.OAuthGrantKeeper keeper;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    ScriptedTokenServer tokens;

    @BeforeAll
    static void start() {
        results = new ResultsTopic(Topics.MAIL_REQUESTS_DLQ);
    }

    @AfterAll
    static void stop() throws Exception {
        // tokens (refresh and access, all remembered) in neither the log, the results nor the DLQ
        SecretLeakCheck.inLog(SecretLeakCheck.testLog("dispatch"), "mail-dispatch-service")
                .records(results.kafka(), Topics.MAIL_REQUESTS_DLQ, Topics.MAIL_REQUESTS).assertNoneLeaked();
        results.close();
    }

    @BeforeEach
    void reset() throws Exception {
        tokens = OAuthTestResources.tokens.lifetimeSeconds(3600).rotate(false).hold(0).answer(0, null);
        platform.purgeEmailFromAllMailboxes();
    }

    private record Grant(String ref, String account, String grantId, String refreshToken) {
        MailProfileChanged version(long version, int port) {
            return oauthProfile(ref, version, port, account, grantId, refreshToken, new ProfileLimits(2, 6000));
        }

        Grant reconnected(ScriptedTokenServer tokens) {
            return new Grant(ref, account, UUID.randomUUID().toString(), tokens.grant(account));
        }
    }

    private Grant newGrant() {
        String account = "shop-" + UUID.randomUUID() + "@tenant.test";
        return new Grant(newRef(), account, UUID.randomUUID().toString(), tokens.grant(account));
    }

    private MailDispatchResult send(String ref, long version) {
        SendMailRequested mail = request(ref, version, MailPurpose.WELCOME, "reader@customer.test", "Hello");
        results.kafka().send(Topics.MAIL_REQUESTS, ref, mail);
        return results.awaitFinal(mail.messageId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "XOAUTH2", "OAUTHBEARER" })
    void sendsWithTheMechanismTheServerOffersAndReusesTheTokenWhileItHasMoreThanTheMarginLeft(String mechanism)
            throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer(mechanism, tokens::accepts)) {
            Grant grant = newGrant();
            int before = tokens.refreshCalls();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            assertEquals(List.of(mechanism + " " + grant.account()), server.logins());
            assertEquals(before + 1, tokens.refreshCalls(), "one refresh for the first login");

            // a new version: a new client, a new connection, a new login with the same (still long-lived) token
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(2, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 2).status());
            assertEquals(2, server.logins().size());
            assertEquals(before + 1, tokens.refreshCalls(), "the token had an hour left: no refresh");
            assertEquals(List.of(), server.refusals());
        }
    }

    @Test
    void aTokenWithLessThanTheMarginLeftIsRefreshedBeforeTheLoginNotAfterARefusal() throws Exception {
        // 4 minutes of life is less than the 5-minute margin: every login needs a fresh one
        tokens.lifetimeSeconds(240);
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts)) {
            Grant grant = newGrant();
            int before = tokens.refreshCalls();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(2, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 2).status());
            assertEquals(before + 2, tokens.refreshCalls());
            assertEquals(List.of(), server.refusals(), "refreshed before it expired, never refused");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "XOAUTH2", "OAUTHBEARER" })
    void aRefusedTokenIsAnsweredAsTheMechanismSaysThenRefreshedOnceAndTheLoginSucceeds(String mechanism)
            throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer(mechanism, tokens::accepts)) {
            Grant grant = newGrant();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            int before = tokens.refreshCalls();
            tokens.expireAccessTokens();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(2, server.port()));
            MailDispatchResult result = send(grant.ref(), 2);
            assertEquals(MailStatus.SENT, result.status());
            assertEquals(before + 1, tokens.refreshCalls(), "exactly one forced refresh");
            assertEquals(1, server.refusals().size());
            assertEquals(List.of(mechanism.equals("XOAUTH2") ? "" : "AQ=="), server.challengeAnswers());
        }
    }

    @Test
    void aTokenStillRefusedAfterTheForcedRefreshFailsTheLoginLikeAPassword() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", (user, token) -> false)) {
            Grant grant = newGrant();
            int before = tokens.refreshCalls();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            MailDispatchResult result = send(grant.ref(), 1);
            assertEquals(MailStatus.FAILED, result.status());
            assertEquals("SMTP_AUTH_FAILED", result.errorCode());
            assertEquals(2, server.refusals().size(), "the first token and the one refresh, no more");
            assertEquals(before + 2, tokens.refreshCalls());
        }
    }

    @Test
    void aGrantReplayedBesideAnotherServerOrNamedByAnotherProfileOpensNothingAndConnectsNowhere() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts);
                OAuthSmtpServer attacker = new OAuthSmtpServer("XOAUTH2", (user, token) -> true)) {
            Grant grant = newGrant();
            MailProfileChanged saved = grant.version(1, server.port());
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), saved);
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            int connections = server.connections();

            // the stored event copied with another server, the same grant and sealed token (version + 1)
            MailProfileChanged moved = new MailProfileChanged(grant.ref(), saved.projectUid(), 2,
                    new SmtpServer("127.0.0.1", attacker.port(), SmtpSecurity.NONE, grant.account(), null,
                            saved.smtp().oauth2()), saved.from(), null, saved.limits());
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), moved);
            MailDispatchResult refused = send(grant.ref(), 2);
            assertEquals(MailStatus.FAILED, refused.status());
            assertEquals("SMTP_PASSWORD_UNREADABLE", refused.errorCode());
            assertEquals(0, attacker.connections(), "not even a connection to the other server");

            // another profile naming the same grant (its event copied under another key)
            String thief = newRef();
            results.kafka().send(Topics.MAIL_PROFILES, thief, new MailProfileChanged(thief, saved.projectUid(), 1,
                    saved.smtp(), saved.from(), null, saved.limits()));
            MailDispatchResult stolen = send(thief, 1);
            assertEquals(MailStatus.FAILED, stolen.status());
            assertEquals("SMTP_PASSWORD_UNREADABLE", stolen.errorCode());
            assertEquals(connections, server.connections());
        }
    }

    @Test
    void aRotatedRefreshTokenIsKeptAndALaterVersionOfTheSameGrantDoesNotBringTheOldOneBack() throws Exception {
        tokens.rotate(true);
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts)) {
            Grant grant = newGrant();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            // the event's refresh token is now dead at the provider; the owner changes the sender name (v2)
            tokens.expireAccessTokens();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(2, server.port()));
            MailDispatchResult result = send(grant.ref(), 2);
            assertEquals(MailStatus.SENT, result.status(), "refreshed with the rotated token dispatch stored");
            var stored = grantRepository.find(grant.grantId()).await().atMost(Duration.ofSeconds(5));
            assertEquals(OAuthGrantRepository.GrantState.ACTIVE, stored.state());
            assertNotNull(stored.refreshedAt());
        }
    }

    @Test
    void invalidGrantDefersTheMailTellsTheOperatorOnceAndANewGrantMakesItDue() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts);
                ScriptedSmtpServer otherProfile = new ScriptedSmtpServer(n -> "250 OK", n -> "250 OK")) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "oauth-reconnect");
            Grant grant = newGrant();
            project.owns(grant.version(1, server.port()));
            project.owns(otherProfile, newRef(), 1, "other@shop.test");
            project.visible(grant.ref());
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());

            tokens.revoke(grant.account());
            tokens.expireAccessTokens();
            project.owns(grant.version(2, server.port()));
            SendMailRequested waiting = project.send(request(grant.ref(), 2, MailPurpose.ORDER_CONFIRMATION,
                    "buyer@customer.test", "Your order"));
            MailDispatchResult deferred = results.awaitFirst(waiting.messageId());
            assertEquals(MailStatus.DEFERRED, deferred.status());
            assertEquals("OAUTH_RECONNECT_REQUIRED", deferred.errorCode());
            assertEquals(waiting.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    deferred.nextAttemptAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    "waits for the owner until it expires");

            // the next mail does not even connect; one that expires first fails with the same code
            int connections = server.connections();
            SendMailRequested expiring = project.send(withExpiry(request(grant.ref(), 2, MailPurpose.WELCOME,
                    "new@customer.test", "Welcome"), Instant.now().plusSeconds(4)));
            MailDispatchResult failed = results.awaitFinal(expiring.messageId());
            assertEquals(MailStatus.FAILED, failed.status());
            assertEquals("OAUTH_RECONNECT_REQUIRED", failed.errorCode());
            assertEquals(connections, server.connections());
            assertEquals(0, otherProfile.connections(), "never another profile");
            Map<String, Object> entry = project.entry(grant.ref(), expiring);
            assertEquals("OAUTH_RECONNECT_REQUIRED", entry.get("errorCode"));
            assertTrue(String.valueOf(entry.get("errorMessage")).contains("connect again"));

            // the operator is told once, through the platform SMTP
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.getReceivedMessages().length >= 1);
            MimeMessage notice = platform.getReceivedMessages()[0];
            assertTrue(notice.getSubject().contains(grant.ref()) && notice.getSubject().contains("reconnected"));
            assertEquals(1, platform.getReceivedMessages().length);

            // the owner reconnects: a new grant, the waiting mail is due again and sent
            Grant reconnected = grant.reconnected(tokens);
            project.owns(reconnected.version(3, server.port()));
            MailDispatchResult sent = results.awaitFinal(waiting.messageId());
            assertEquals(MailStatus.SENT, sent.status());
            assertEquals(List.of(), grantRepository.ofProfile(grant.ref()).await().atMost(Duration.ofSeconds(5))
                    .stream().filter(g -> g.grantId().equals(grant.grantId())).toList(), "the old grant is forgotten");
            assertEquals(1, platform.getReceivedMessages().length, "told once");
        }
    }

    @Test
    void twoReplicasRefreshingOneGrantCallTheTokenEndpointOnceAndBothGetItsToken() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts)) {
            Grant grant = newGrant();
            MailProfileChanged profile = grant.version(1, server.port());
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), profile);
            await().atMost(Duration.ofSeconds(30)).until(() -> grantRepository.find(grant.grantId())
                    .await().atMost(Duration.ofSeconds(5)) != null);
            // two processes: each its own memory, one database
            OAuthGrants replicaA = new OAuthGrants(grantRepository, messageRepository, endpoint, cipher, settings,
                    notices);
            OAuthGrants replicaB = new OAuthGrants(grantRepository, messageRepository, endpoint, cipher, settings,
                    notices);
            tokens.hold(1500);
            int before = tokens.refreshCalls();
            SmtpServer smtp = profile.smtp();
            CompletableFuture<String> a = replicaA.source(grant.ref(), smtp).accessToken(null).toCompletableFuture();
            CompletableFuture<String> b = replicaB.source(grant.ref(), smtp).accessToken(null).toCompletableFuture();
            String tokenA = a.get(20, TimeUnit.SECONDS);
            String tokenB = b.get(20, TimeUnit.SECONDS);
            assertEquals(before + 1, tokens.refreshCalls(), "the second waited for the lock and used the stored token");
            assertEquals(tokenA, tokenB);
            assertTrue(tokens.accepts(grant.account(), tokenA));
        }
    }

    @Test
    void anSmtpTestOfAnUnknownGrantRefreshesTheInlineTokenAndStoresTheGrantForTheProfile() throws Exception {
        tokens.rotate(true);
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts)) {
            Grant grant = newGrant();
            UUID id = UUID.randomUUID();
            var sealed = io.mailoo.dispatch.support.Profiles.seal(grant.refreshToken(),
                    io.mailoo.contracts.crypto.SecretBinding.oauth2Token(
                            io.mailoo.contracts.events.InlineProfile.associatedData(id), "127.0.0.1", server.port(),
                            SmtpSecurity.NONE, grant.account(), io.mailoo.contracts.events.OAuth2Provider.GENERIC,
                            grant.account(), grant.grantId()));
            SmtpServer smtp = new SmtpServer("127.0.0.1", server.port(), SmtpSecurity.NONE, grant.account(), null,
                    new io.mailoo.contracts.events.OAuth2Login(io.mailoo.contracts.events.OAuth2Provider.GENERIC,
                            grant.account(), grant.grantId(), sealed, null));
            Instant now = Instant.now();
            SendMailRequested test = new SendMailRequested(id, grant.ref(), 0, MailPurpose.SMTP_TEST, "project-test",
                    new io.mailoo.contracts.events.MailSource("dispatch-test", "SmtpTest", id.toString()),
                    List.of("owner@tenant.test"), null, null, null, "Mailoo SMTP test", "This is a test", null,
                    Map.of(), new io.mailoo.contracts.events.InlineProfile(smtp, new Sender(grant.account(), "T"),
                            null), now, now.plusSeconds(30));
            results.kafka().send(Topics.MAIL_REQUESTS, grant.ref(), test);
            assertEquals(MailStatus.SENT, results.awaitFinal(id).status());
            var stored = grantRepository.find(grant.grantId()).await().atMost(Duration.ofSeconds(5));
            assertNotNull(stored, "what the test refreshed is kept under the grant");
            assertEquals(grant.ref(), stored.profileRef());

            // the saved profile (same grant, the connect's now rotated-away token) sends with the stored one
            tokens.expireAccessTokens();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
        }
    }

    @Test
    void overTheDailyCapMailIsDeferredUntilTheWindowAllowsNeverFailed() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> "250 2.0.0 Ok")) {
            String ref = newRef();
            results.kafka().send(Topics.MAIL_PROFILES, ref, new MailProfileChanged(ref, "project-test", 1,
                    new SmtpServer("127.0.0.1", server.port(), SmtpSecurity.NONE, null, null),
                    new Sender("shop@tenant.test", "Shop"), null, new ProfileLimits(2, 6000, 3)));
            Instant firstSent = Instant.now();
            assertEquals(MailStatus.SENT, send(ref, 1).status());
            SendMailRequested two = withSubject(request(ref, 1, MailPurpose.WELCOME, "a@customer.test", "Two"),
                    "Two", List.of("a@customer.test", "b@customer.test"));
            results.kafka().send(Topics.MAIL_REQUESTS, ref, two);
            assertEquals(MailStatus.SENT, results.awaitFinal(two.messageId()).status());
            int delivered = server.accepted().size();

            // a mail that may wait two days (a request's expiry bounds every deferral)
            SendMailRequested over = withExpiry(request(ref, 1, MailPurpose.WELCOME, "c@customer.test", "Over"),
                    Instant.now().plus(Duration.ofHours(48)));
            results.kafka().send(Topics.MAIL_REQUESTS, ref, over);
            MailDispatchResult deferred = results.awaitFirst(over.messageId());
            assertEquals(MailStatus.DEFERRED, deferred.status());
            assertEquals("DAILY_LIMIT_REACHED", deferred.errorCode());
            // the first mail's single recipient leaving the window is enough
            Duration untilAllowed = Duration.between(firstSent.plus(Duration.ofHours(24)), deferred.nextAttemptAt());
            assertTrue(untilAllowed.abs().compareTo(Duration.ofSeconds(30)) < 0, "next attempt " + deferred);
            assertEquals(delivered, server.accepted().size(), "nothing sent over the cap");
            assertFalse(results.kafka().resultsFor(over.messageId()).stream()
                    .anyMatch(r -> r.status() == MailStatus.FAILED));
        }
    }

    @Test
    void hostileTokenAnswersAreRefusedAndDeferWithoutSendingAnything() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", (user, token) -> true)) {
            for (String body : Arrays.asList("{\"access_token\":\"abc\\r\\nMAIL FROM:<x@evil.test>\"}",
                    "not json", "{\"access_token\":42}", "{\"error\":\"server_error\"}")) {
                tokens.answer(body.startsWith("{\"error") ? 503 : 200, body);
                Grant grant = newGrant();
                results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
                SendMailRequested mail = request(grant.ref(), 1, MailPurpose.WELCOME, "r@customer.test", "Hostile");
                results.kafka().send(Topics.MAIL_REQUESTS, grant.ref(), mail);
                MailDispatchResult first = results.awaitFirst(mail.messageId());
                assertEquals(MailStatus.DEFERRED, first.status(), body);
                assertEquals("OAUTH_TOKEN_UNAVAILABLE", first.errorCode(), body);
            }
            assertEquals(List.of(), server.logins());
            assertEquals(List.of(), server.mail());
        }
    }

    @Test
    void anIdleGrantIsRefreshedToKeepItAliveOrReportedOnceAndTheOperatorViewShowsIt() throws Exception {
        try (OAuthSmtpServer server = new OAuthSmtpServer("XOAUTH2", tokens::accepts)) {
            Grant grant = newGrant();
            results.kafka().send(Topics.MAIL_PROFILES, grant.ref(), grant.version(1, server.port()));
            assertEquals(MailStatus.SENT, send(grant.ref(), 1).status());
            String operator = io.mailoo.testsupport.TestKeys.token("ops-1", "ops@mailoo.test", java.util.Set.of("operator"));

            // not refreshed for 61 days: kept alive by one refresh
            backdate(grant.grantId(), Duration.ofDays(61));
            assertTrue(given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + grant.ref()).then()
                    .statusCode(200).extract().jsonPath().getBoolean("oauth2.atRisk"));
            int before = tokens.refreshCalls();
            keeper.keepIdleGrantsAlive().await().atMost(Duration.ofSeconds(20));
            assertEquals(before + 1, tokens.refreshCalls());
            var view = given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + grant.ref()).then()
                    .statusCode(200).extract().jsonPath();
            assertFalse(view.getBoolean("oauth2.atRisk"));
            assertEquals("ACTIVE", view.getString("oauth2.state"));
            assertEquals(grant.account(), view.getString("oauth2.account"));
            String body = given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + grant.ref()).asString();
            assertFalse(body.contains("Token") && body.contains("ciphertext"), "no token, sealed or not");
            // a second round (another replica) finds it fresh: no refresh
            keeper.keepIdleGrantsAlive().await().atMost(Duration.ofSeconds(20));
            assertEquals(before + 1, tokens.refreshCalls());

            // idle again and the provider fails: reported once through the platform SMTP, still at risk
            backdate(grant.grantId(), Duration.ofDays(61));
            tokens.answer(503, "{\"error\":\"temporarily_unavailable\"}");
            keeper.keepIdleGrantsAlive().await().atMost(Duration.ofSeconds(20));
            keeper.keepIdleGrantsAlive().await().atMost(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(platform.getReceivedMessages())
                    .anyMatch(m -> subject(m).contains("at risk") && subject(m).contains(grant.ref())));
            assertEquals(1, java.util.Arrays.stream(platform.getReceivedMessages())
                    .filter(m -> subject(m).contains(grant.ref())).count(), "told once");
            var risky = given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + grant.ref()).then()
                    .statusCode(200).extract().jsonPath();
            assertTrue(risky.getBoolean("oauth2.atRisk"));
            assertNotNull(risky.getString("oauth2.atRiskReportedAt"));
        }
    }

    private void backdate(String grantId, Duration by) {
        pool.preparedQuery("UPDATE oauth_grant SET refreshed_at = now() - make_interval(days => $2), "
                + "created_at = now() - make_interval(days => $2), idle_reported_at = NULL WHERE grant_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(grantId, (int) by.toDays()))
                .await().atMost(Duration.ofSeconds(5));
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
