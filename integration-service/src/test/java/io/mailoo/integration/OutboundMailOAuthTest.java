package io.mailoo.integration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.integration.support.NoDispatch;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.oauth.OAuth2TestServer;
import io.mailoo.testsupport.oauth.OAuthProviderResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * "Connect with Microsoft / single sign-on" for an integration's outboundMail against a real OAuth2 authorization
 * server (mock-oauth2-server as a process, test-support OAuth2TestServer) and the real Kafka broker and PostgreSQL:
 * the flow, every way its state is refused, the provider refusing, disconnect, the presets' limits, the SMTP test of a
 * saved grant, "reconnect required" from a result, and no code or token anywhere it must not be.
 */
@QuarkusTest
@TestProfile(NoDispatch.class)
@QuarkusTestResource(value = OAuthProviderResource.class, restrictToAnnotatedClass = true)
class OutboundMailOAuthTest {

    private static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            // the codes, refresh and access tokens the server issued are recorded (TestSecrets) and checked here
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .responses(Api.allBodies()).records(kafka, Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS)
                    .assertNoneLeaked();
        } finally {
            kafka.close();
        }
    }

    private static OAuth2TestServer oauth() {
        return OAuthProviderResource.server();
    }

    private static String base(String project, String integration) {
        return Api.integration(project, integration) + "/outbound-mail/oauth";
    }

    static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("host", "smtp.office365.com");
        s.put("port", 587);
        s.put("security", "STARTTLS");
        s.put("fromName", "Shop");
        s.put("provider", "MICROSOFT_365");
        return s;
    }

    private static Map<String, Object> startBody(String provider) {
        return Map.of("provider", provider, "settings", settings());
    }

    private record Owned(Api api, String project, String integration) {
        String ref() {
            return "integration:" + integration;
        }
    }

    private static Owned owned(String owner) {
        Api api = Api.as(owner);
        String project = api.project("OAuth " + owner);
        return new Owned(api, project, api.integration(project, "CONTACT_FORM", "Contact").get("id"));
    }

    private static OAuth2TestServer.Redirect signIn(Owned o, String account) {
        Response started = o.api().post(base(o.project(), o.integration()) + "/start", startBody("GENERIC"));
        started.then().statusCode(200);
        String url = started.path("authorizationUrl");
        assertTrue(url.startsWith(oauth().authorizationUrl()), url);
        assertTrue(url.contains("code_challenge_method=S256") && url.contains("code_challenge="), url);
        assertTrue(url.contains("redirect_uri=" + java.net.URLEncoder.encode(OAuthProviderResource.REDIRECT_URI,
                StandardCharsets.UTF_8)), url);
        Instant expires = Instant.parse(started.path("expiresAt"));
        assertTrue(expires.isAfter(Instant.now().plusSeconds(590)) && expires.isBefore(Instant.now().plusSeconds(601)));
        return oauth().login(url, account);
    }

    private static Response complete(Owned o, OAuth2TestServer.Redirect back) {
        return o.api().post(base(o.project(), o.integration()) + "/complete",
                Map.of("state", back.state(), "code", back.code()));
    }

    private static MailProfileChanged lastProfile(String ref) {
        return kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class).stream()
                .filter(p -> p != null && ref.equals(p.profileRef())).reduce((a, b) -> b).orElse(null);
    }

    private static MailProfileChanged awaitProfileVersion(String ref, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            MailProfileChanged p = lastProfile(ref);
            return p != null && p.version() == version;
        });
        return lastProfile(ref);
    }

    @Test
    void aConnectSavesTheGrantAndPublishesItSealedForTheProfile() {
        Owned o = owned("oauth-owner-1");
        Response done = complete(o, signIn(o, "owner1@tenant.test"));
        done.then().statusCode(200).body("login", equalTo("OAUTH2"))
                .body("oauth2.account", equalTo("owner1@tenant.test")).body("oauth2.provider", equalTo("GENERIC"))
                .body("username", equalTo("owner1@tenant.test")).body("fromAddress", equalTo("owner1@tenant.test"))
                .body("hasSmtpPassword", equalTo(false)).body("reconnectRequired", nullValue())
                .body("provider", equalTo("MICROSOFT_365")).body("limits.maxConnections", equalTo(3))
                .body("limits.recipientsPerDay", equalTo(10_000));
        long version = ((Number) done.path("profileVersion")).longValue();
        MailProfileChanged event = awaitProfileVersion(o.ref(), version);
        assertNull(event.smtp().password());
        assertNull(event.smtp().oauth2().accessToken(), "never an access token in mail-profiles");
        assertEquals("owner1@tenant.test", event.smtp().oauth2().account());
        assertEquals(new ProfileLimits(3, 30, 10_000), event.limits());
        String refresh = CIPHER.open(event.smtp().oauth2().refreshToken(), SecretBinding.oauth2Token(o.ref(),
                event.smtp()));
        assertEquals(oauth().currentRefreshToken("owner1@tenant.test"), refresh, "the grant's own refresh token");
        assertFalse(new String(kafka.records(Topics.MAIL_PROFILES).stream().filter(r -> r.value() != null)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).reduce("", String::concat)).contains(refresh));
        // the integration's view shows the same, and a reconnect makes a new grant
        o.api().get(Api.integration(o.project(), o.integration())).then().statusCode(200)
                .body("config.outboundMail.login", equalTo("OAUTH2"));
        Response again = complete(o, signIn(o, "owner1@tenant.test"));
        again.then().statusCode(200);
        MailProfileChanged second = awaitProfileVersion(o.ref(), ((Number) again.path("profileVersion")).longValue());
        assertFalse(second.smtp().oauth2().grantId().equals(event.smtp().oauth2().grantId()), "a new grant id");
    }

    @Test
    void aStateIsUsedOnceOnlyByItsOwnerForItsIntegrationWithinTenMinutes() {
        Owned o = owned("oauth-owner-2");
        OAuth2TestServer.Redirect back = signIn(o, "owner2@tenant.test");
        // another integration of the same owner
        String other = o.api().integration(o.project(), "FORM", "Other").get("id");
        o.api().post(base(o.project(), other) + "/complete", Map.of("state", back.state(), "code", back.code()))
                .then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        // another project's owner, on an integration of their own
        Owned stranger = owned("oauth-stranger-2");
        stranger.api().post(base(stranger.project(), stranger.integration()) + "/complete",
                Map.of("state", back.state(), "code", back.code()))
                .then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        // ... and on this one: not theirs
        stranger.api().post(base(o.project(), o.integration()) + "/complete",
                Map.of("state", back.state(), "code", back.code())).then().statusCode(404);
        // a member who is not the owner
        o.api().addMember(o.project(), "oauth-member-2");
        Api.as("oauth-member-2").post(base(o.project(), o.integration()) + "/complete",
                Map.of("state", back.state(), "code", back.code()))
                .then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
        Api.as("oauth-member-2").post(base(o.project(), o.integration()) + "/start", startBody("GENERIC"))
                .then().statusCode(403);
        // none of that used the state up; the owner completes once, a replay is refused
        complete(o, back).then().statusCode(200);
        complete(o, back).then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        // an expired state changes nothing
        long version = ((Number) o.api().get(Api.integration(o.project(), o.integration()))
                .path("config.outboundMail.profileVersion")).longValue();
        OAuth2TestServer.Redirect late = signIn(o, "owner2@tenant.test");
        assertEquals(1, Database.update("UPDATE oauth_state SET expires_at = now() - interval '1 second' "
                + "WHERE profile_ref = ?", o.ref()));
        complete(o, late).then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        o.api().post(base(o.project(), o.integration()) + "/complete", Map.of("state", "made-up", "code", "x"))
                .then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        o.api().post(base(o.project(), o.integration()) + "/complete", Map.of("state", back.state()))
                .then().statusCode(422).body("errors[0].code", equalTo("OAUTH_CODE_REQUIRED"));
        o.api().get(Api.integration(o.project(), o.integration())).then()
                .body("config.outboundMail.profileVersion", equalTo((int) version));
        // no state is stored in the clear
        assertTrue(Database.column("SELECT state_hash FROM oauth_state").stream().allMatch(h -> h.matches("[0-9a-f]{64}")));
        assertTrue(Database.column("SELECT verifier_ciphertext FROM oauth_state").stream().noneMatch(v -> v.length() == 43));
    }

    @Test
    void anUnconfiguredProviderAnUnknownOneAndAPasswordAreRefusedAtStart() {
        Owned o = owned("oauth-owner-3");
        o.api().post(base(o.project(), o.integration()) + "/start", startBody("GOOGLE"))
                .then().statusCode(422).body("code", equalTo("OAUTH_PROVIDER_NOT_CONFIGURED"));
        o.api().post(base(o.project(), o.integration()) + "/start", startBody("YAHOO"))
                .then().statusCode(422).body("errors[0].code", equalTo("OAUTH_PROVIDER_INVALID"));
        Map<String, Object> withPassword = settings();
        withPassword.put("password", "pw-never-with-oauth");
        o.api().post(base(o.project(), o.integration()) + "/start", Map.of("provider", "GENERIC",
                "settings", withPassword)).then().statusCode(422).body("errors[0].field", equalTo("password"));
        o.api().post(base(o.project(), o.integration()) + "/start", Map.of("provider", "GENERIC", "settings",
                Map.of("port", 587, "security", "STARTTLS"))).then().statusCode(422);
        Api.as("oauth-nobody-3").post(base(o.project(), o.integration()) + "/start", startBody("GENERIC"))
                .then().statusCode(404);
        io.restassured.RestAssured.given().contentType("application/json").body(startBody("GENERIC"))
                .post(base(o.project(), o.integration()) + "/start").then().statusCode(401);
        assertTrue(Database.column("SELECT profile_ref FROM oauth_state WHERE profile_ref = ?", o.ref()).isEmpty());
    }

    @Test
    void theProviderRefusingTheCodeIs502AndChangesNothing() {
        Owned o = owned("oauth-owner-4");
        OAuth2TestServer.Redirect back = signIn(o, "owner4@tenant.test");
        o.api().post(base(o.project(), o.integration()) + "/complete",
                Map.of("state", back.state(), "code", "not-a-code-the-server-issued"))
                .then().statusCode(502).body("code", equalTo("OAUTH_CODE_EXCHANGE_FAILED"))
                .body("detail", containsString("invalid_grant"));
        o.api().get(Api.integration(o.project(), o.integration())).then().body("config.outboundMail", nullValue());
        assertNull(lastProfile(o.ref()));
    }

    @Test
    void disconnectForgetsTheGrantWithANewProfileVersion() {
        Owned o = owned("oauth-owner-5");
        complete(o, signIn(o, "owner5@tenant.test")).then().statusCode(200);
        Api.as("oauth-nobody-5").request().delete(base(o.project(), o.integration())).then().statusCode(404);
        Response gone = Api.record(o.api().request().delete(base(o.project(), o.integration())));
        gone.then().statusCode(200).body("login", equalTo("NONE")).body("oauth2", nullValue());
        MailProfileChanged event = awaitProfileVersion(o.ref(), ((Number) gone.path("profileVersion")).longValue());
        assertNull(event.smtp().oauth2());
        assertNull(event.smtp().password());
        // again: nothing to forget, nothing published
        Api.record(o.api().request().delete(base(o.project(), o.integration()))).then().statusCode(200)
                .body("profileVersion", equalTo(gone.path("profileVersion")));
    }

    @Test
    void limitsMayBeLoweredNeverRaisedAboveTheProviders() {
        Owned o = owned("oauth-owner-6");
        Map<String, Object> s = settings();
        s.put("username", "shop@contoso.test");
        s.put("password", "app-password-6");
        s.put("fromAddress", "shop@contoso.test");
        s.put("limits", Map.of("maxConnections", 4));
        o.api().saveOutboundMail(o.project(), o.integration(), s).then().statusCode(422)
                .body("errors[0].field", equalTo("limits.maxConnections"))
                .body("errors[0].code", equalTo("SMTP_LIMIT_ABOVE_PROVIDER"));
        o.api().get(Api.integration(o.project(), o.integration())).then().body("config.outboundMail", nullValue());
        s.put("limits", Map.of("maxConnections", 1, "recipientsPerDay", 500));
        Response saved = o.api().saveOutboundMail(o.project(), o.integration(), s);
        saved.then().statusCode(200).body("config.outboundMail.limits.maxConnections", equalTo(1))
                .body("config.outboundMail.limits.messagesPerMinute", equalTo(30))
                .body("config.outboundMail.login", equalTo("PASSWORD"));
        MailProfileChanged event = awaitProfileVersion(o.ref(),
                ((Number) saved.path("config.outboundMail.profileVersion")).longValue());
        assertEquals(new ProfileLimits(1, 30, 500), event.limits());
        s.put("provider", "NOT_A_PRESET");
        o.api().saveOutboundMail(o.project(), o.integration(), s).then().statusCode(422);
        o.api().get("/api/v1/projects/" + o.project() + "/smtp-providers").then().statusCode(200)
                .body("find { it.id == 'MICROSOFT_365' }.available", equalTo(true))
                .body("find { it.id == 'GOOGLE_WORKSPACE' }.available", equalTo(false))
                .body("find { it.id == 'GENERIC_OAUTH2' }.name", equalTo("Mailoo Test OAuth"))
                .body("find { it.id == 'MICROSOFT_365' }.limits.messagesPerMinute", equalTo(30));
        Api.as("oauth-nobody-6").get("/api/v1/projects/" + o.project() + "/smtp-providers").then().statusCode(404);
    }

    @Test
    void aSavedGrantIsKeptForTheSameServerAndGoesResealedWithTheTestEmail() {
        Owned o = owned("oauth-owner-7");
        complete(o, signIn(o, "owner7@tenant.test")).then().statusCode(200);
        Map<String, Object> same = settings();
        same.put("username", "owner7@tenant.test");
        same.put("fromAddress", "owner7@tenant.test");
        same.put("fromName", "Shop renamed");
        o.api().saveOutboundMail(o.project(), o.integration(), same).then().statusCode(200)
                .body("config.outboundMail.login", equalTo("OAUTH2"));
        o.api().testOutboundMail(o.project(), o.integration(), same).then().statusCode(504);
        SendMailRequested request = await().atMost(Duration.ofSeconds(20)).until(() -> kafka
                .events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> r.purpose() == MailPurpose.SMTP_TEST && o.ref().equals(r.profileRef())).findFirst()
                .orElse(null), r -> r != null);
        var login = request.inlineProfile().smtp().oauth2();
        assertNotNull(login, "the test carries the saved grant");
        assertNull(login.accessToken());
        assertEquals(oauth().currentRefreshToken("owner7@tenant.test"), CIPHER.open(login.refreshToken(),
                SecretBinding.oauth2Token(InlineProfile.associatedData(request.messageId()),
                        request.inlineProfile().smtp())));
        // another server: the grant stays behind (and is forgotten by a save)
        Map<String, Object> moved = new HashMap<>(same);
        moved.put("host", "smtp.elsewhere.test");
        o.api().saveOutboundMail(o.project(), o.integration(), moved).then().statusCode(200)
                .body("config.outboundMail.login", equalTo("NONE"));
    }

    @Test
    void aResultSayingReconnectRequiredShowsUntilTheNextConnect() {
        Owned o = owned("oauth-owner-8");
        complete(o, signIn(o, "owner8@tenant.test")).then().statusCode(200);
        MailDispatchResult result = new MailDispatchResult(UUID.randomUUID(), o.ref(), MailPurpose.ORDER_CONFIRMATION,
                new MailSource("market-service", "order", UUID.randomUUID().toString()), MailStatus.DEFERRED, 1,
                Instant.now().plusSeconds(60), null, "OAUTH_RECONNECT_REQUIRED", Instant.now());
        kafka.send(Topics.MAIL_RESULTS, o.ref(), result, Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, "market-service",
                Topics.RESULT_ERROR_CODE_HEADER, "OAUTH_RECONNECT_REQUIRED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> o.api().get(Api.integration(o.project(), o.integration()))
                .path("config.outboundMail.reconnectRequired.code") != null);
        o.api().get(Api.integration(o.project(), o.integration())).then()
                .body("config.outboundMail.reconnectRequired.code", equalTo("OAUTH_RECONNECT_REQUIRED"));
        complete(o, signIn(o, "owner8@tenant.test")).then().statusCode(200).body("reconnectRequired", nullValue());
    }
}
