package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.oauth.OAuth2TestServer;
import io.mailoo.testsupport.oauth.OAuthProviderResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * "Connect with Microsoft / single sign-on" for a generator's mail settings against the real test OAuth2 server,
 * Kafka and PostgreSQL (the shared component, so the abuse cases mirror integration-service's OutboundMailOAuthTest).
 */
@QuarkusTest
@TestProfile(MailSettingsOAuthTest.Keys.class)
@QuarkusTestResource(value = OAuthProviderResource.class, restrictToAnnotatedClass = true)
class MailSettingsOAuthTest {

    /** The test keys, no dispatcher: what is checked never needs one (the SMTP test's request is read on Kafka). */
    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.smtp-test.timeout", "PT3S");
        }
    }

    private static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.PROJECTS, Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("offer"), "offer-generator-service")
                    .responses(String.join("\n", io.mailoo.offer.support.OfferApi.responses()))
                    .records(kafka, Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS).assertNoneLeaked();
        } finally {
            kafka.close();
        }
    }

    private record Owned(String owner, String project, String generatorId) {
        String ref() {
            return "offer-generator:" + generatorId;
        }

        String base() {
            return generator(project, generatorId) + "/mail-settings/oauth";
        }
    }

    private static Owned owned(String member) {
        String owner = "offer-oauth-" + UUID.randomUUID();
        String project = member == null ? project(kafka, owner) : project(kafka, owner, member);
        return new Owned(owner, project, createGenerator(owner, project, null));
    }

    private static Map<String, Object> startBody(String provider) {
        Map<String, Object> s = new HashMap<>();
        s.put("host", "smtp.office365.com");
        s.put("port", 587);
        s.put("security", "STARTTLS");
        s.put("provider", "MICROSOFT_365");
        return Map.of("provider", provider, "settings", s);
    }

    private static OAuth2TestServer.Redirect signIn(Owned o, String account) {
        Response started = keep(as(o.owner()).body(startBody("MICROSOFT")).post(o.base() + "/start"));
        started.then().statusCode(200);
        return OAuthProviderResource.server().login(started.path("authorizationUrl"), account);
    }

    private static Response complete(String caller, String base, OAuth2TestServer.Redirect back) {
        return keep(as(caller).body(Map.of("state", back.state(), "code", back.code())).post(base + "/complete"));
    }

    private static MailProfileChanged awaitProfileVersion(String ref, long version) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> kafka.events(Topics.MAIL_PROFILES,
                MailProfileChanged.class).stream().filter(p -> p != null && ref.equals(p.profileRef())
                        && p.version() == version).findFirst().orElse(null), p -> p != null);
    }

    @Test
    void aConnectSavesTheGrantSealedAndTheStateIsBoundUsedOnce() {
        String member = "offer-oauth-member-" + UUID.randomUUID();
        Owned o = owned(member);
        OAuth2TestServer.Redirect back = signIn(o, "offers@tenant.test");
        Owned stranger = owned(null);
        complete(stranger.owner(), stranger.base(), back).then().statusCode(400)
                .body("code", equalTo("OAUTH_STATE_INVALID"));
        complete(stranger.owner(), o.base(), back).then().statusCode(404);
        complete(member, o.base(), back).then().statusCode(403);
        String otherGenerator = createGenerator(o.owner(), o.project(), null);
        complete(o.owner(), generator(o.project(), otherGenerator) + "/mail-settings/oauth", back).then()
                .statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));

        Response done = complete(o.owner(), o.base(), back);
        done.then().statusCode(200).body("smtp.login", equalTo("OAUTH2"))
                .body("smtp.oauth2.account", equalTo("offers@tenant.test"))
                .body("smtp.oauth2.provider", equalTo("MICROSOFT"))
                .body("smtp.username", equalTo("offers@tenant.test"));
        complete(o.owner(), o.base(), back).then().statusCode(400).body("code", equalTo("OAUTH_STATE_INVALID"));
        MailProfileChanged event = awaitProfileVersion(o.ref(), ((Number) done.path("version")).longValue());
        assertNull(event.smtp().oauth2().accessToken());
        assertEquals(new ProfileLimits(3, 30, 10_000), event.limits());
        assertEquals(OAuthProviderResource.server().currentRefreshToken("offers@tenant.test"),
                CIPHER.open(event.smtp().oauth2().refreshToken(), SecretBinding.oauth2Token(o.ref(), event.smtp())));
    }

    @Test
    void refusalsChangeNothing() {
        Owned o = owned(null);
        keep(as(o.owner()).body(startBody("GOOGLE")).post(o.base() + "/start")).then().statusCode(422)
                .body("code", equalTo("OAUTH_PROVIDER_NOT_CONFIGURED"));
        OAuth2TestServer.Redirect back = signIn(o, "refused@tenant.test");
        keep(as(o.owner()).body(Map.of("state", back.state(), "code", "forged-code")).post(o.base() + "/complete"))
                .then().statusCode(502).body("code", equalTo("OAUTH_CODE_EXCHANGE_FAILED"));
        keep(as(o.owner()).get(generator(o.project(), o.generatorId()) + "/mail-settings")).then().statusCode(404)
                .body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));
        keep(as(o.owner()).delete(o.base())).then().statusCode(404).body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));
        Map<String, Object> above = new HashMap<>(Map.of("host", "smtp.office365.com", "port", 587,
                "security", "STARTTLS", "username", "a@tenant.test", "password", "app-pw-offer",
                "fromAddress", "a@tenant.test", "provider", "MICROSOFT_365",
                "limits", Map.of("messagesPerMinute", 31)));
        keep(as(o.owner()).body(Map.of("smtp", above)).put(generator(o.project(), o.generatorId()) + "/mail-settings"))
                .then().statusCode(422).body("errors[0].code", equalTo("SMTP_LIMIT_ABOVE_PROVIDER"))
                .body("errors[0].field", equalTo("limits.messagesPerMinute"));
    }

    @Test
    void theTestEmailCarriesTheSavedGrantDisconnectForgetsItAndAResultAsksForAReconnect() {
        Owned o = owned(null);
        Response done = complete(o.owner(), o.base(), signIn(o, "tester@tenant.test"));
        done.then().statusCode(200);
        Map<String, Object> smtp = new HashMap<>(Map.of("host", "smtp.office365.com", "port", 587,
                "security", "STARTTLS", "username", "tester@tenant.test", "fromAddress", "tester@tenant.test",
                "provider", "MICROSOFT_365"));
        keep(as(o.owner()).body(Map.of("mailSettings", Map.of("smtp", smtp))).post(generator(o.project(),
                o.generatorId()) + "/mail-settings/test")).then().statusCode(504);
        SendMailRequested request = await().atMost(Duration.ofSeconds(20)).until(() -> kafka
                .events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> r.purpose() == MailPurpose.SMTP_TEST && o.ref().equals(r.profileRef())).findFirst()
                .orElse(null), r -> r != null);
        assertNotNull(request.inlineProfile().smtp().oauth2());
        assertEquals(OAuthProviderResource.server().currentRefreshToken("tester@tenant.test"), CIPHER.open(
                request.inlineProfile().smtp().oauth2().refreshToken(), SecretBinding.oauth2Token(
                        InlineProfile.associatedData(request.messageId()), request.inlineProfile().smtp())));

        MailDispatchResult result = new MailDispatchResult(UUID.randomUUID(), o.ref(), MailPurpose.OFFER_DELIVERY,
                new MailSource("offer-generator-service", "offer", UUID.randomUUID().toString()),
                MailStatus.DEFERRED, 1, Instant.now().plusSeconds(60), null, "OAUTH_RECONNECT_REQUIRED",
                Instant.now());
        kafka.send(Topics.MAIL_RESULTS, o.ref(), result, Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER,
                "offer-generator-service", Topics.RESULT_ERROR_CODE_HEADER, "OAUTH_RECONNECT_REQUIRED"));
        String settings = generator(o.project(), o.generatorId()) + "/mail-settings";
        await().atMost(Duration.ofSeconds(20)).until(() -> as(o.owner()).get(settings)
                .path("smtp.reconnectRequired.code") != null);

        Response gone = keep(as(o.owner()).delete(o.base()));
        gone.then().statusCode(200).body("smtp.login", equalTo("NONE")).body("smtp.oauth2", nullValue())
                .body("smtp.reconnectRequired", nullValue());
        MailProfileChanged event = awaitProfileVersion(o.ref(), ((Number) gone.path("version")).longValue());
        assertNull(event.smtp().oauth2());
        assertTrue(event.version() > ((Number) done.path("version")).longValue());
    }
}
