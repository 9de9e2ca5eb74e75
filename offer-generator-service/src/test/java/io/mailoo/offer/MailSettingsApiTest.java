package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.WAIT;
import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
import static io.mailoo.offer.support.OfferApi.smtp;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.offer.support.OfferApi;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** PUT/GET/DELETE mail-settings and the test route: sealing, the write-only password, owner-only, validation. */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class MailSettingsApiTest {

    static TenantSmtp server;
    static String password;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        password = "settings-pw-" + UUID.randomUUID();
        server = new TenantSmtp("offers", password);
        kafka = new KafkaTestClient(Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("offer"), "offer-generator-service")
                    .responses(String.join("\n", OfferApi.responses()))
                    .records(kafka, Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS)
                    .sealedProfiles(kafka, "offer-generator:").assertNoneLeaked();
        } finally {
            kafka.close();
            server.close();
        }
    }

    private static String settingsPath(String projectUid, String generatorId) {
        return generator(projectUid, generatorId) + "/mail-settings";
    }

    @Test
    void savedSettingsShowOnlyHasSmtpPasswordAndPublishTheSealedProfile() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String profileRef = "offer-generator:" + generatorId;

        putSettings(owner, projectUid, generatorId, settings(server, password, "sales@sunny.test")).then()
                .statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(true))
                .body("smtp", not(hasKey("password")))
                .body("smtp.host", equalTo("127.0.0.1"))
                .body("internalNotificationAddress", equalTo("sales@sunny.test"))
                .body("branding.primaryColor", equalTo("#ff6600"))
                .body("version", equalTo(1));
        keep(as(owner).get(settingsPath(projectUid, generatorId))).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(true)).body("smtp", not(hasKey("password")));

        MailProfileChanged event = await().atMost(WAIT).until(() -> profile(profileRef, 1), e -> e != null);
        assertEquals(projectUid, event.projectUid());
        assertEquals("offers", event.smtp().username());
        assertEquals("offers@sunny.test", event.from().address());
        SmtpSecretCipher cipher = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);
        assertEquals(password, cipher.open(event.smtp().password(),
                SecretBinding.smtpPassword(profileRef, event.smtp())), "sealed for this profile and its server");
        assertThrows(SecretOpenException.class, () -> cipher.open(event.smtp().password(),
                SecretBinding.smtpPassword(profileRef, "other.example", event.smtp().port(), event.smtp().security(),
                        event.smtp().username())), "bound to the server: another host does not open it");

        // Same server, no password: the stored one is kept, and the next event carries the same sealed secret.
        Map<String, Object> keep = settings(server, null, null);
        putSettings(owner, projectUid, generatorId, keep).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(true)).body("version", equalTo(2));
        MailProfileChanged second = await().atMost(WAIT).until(() -> profile(profileRef, 2), e -> e != null);
        assertEquals(event.smtp().password(), second.smtp().password());
    }

    @Test
    void aChangedServerWithoutPasswordIs422AndChangesNothing() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200);

        Map<String, Object> otherServer = settings(server, null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> smtp = (Map<String, Object>) otherServer.get("smtp");
        smtp.put("host", "smtp.attacker.test");
        putSettings(owner, projectUid, generatorId, otherServer).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("SMTP_PASSWORD_REQUIRED"))
                .body("errors[0].field", equalTo("password"));

        Map<String, Object> badColour = settings(server, password, "not an address");
        badColour.put("branding", Map.of("primaryColor", "orange"));
        putSettings(owner, projectUid, generatorId, badColour).then().statusCode(422)
                .body("errors.field", hasItem("branding.primaryColor"))
                .body("errors.field", hasItem("internalNotificationAddress"));

        keep(as(owner).get(settingsPath(projectUid, generatorId))).then().statusCode(200)
                .body("smtp.host", equalTo("127.0.0.1")).body("version", equalTo(1))
                .body("branding.primaryColor", equalTo("#ff6600"));
    }

    @Test
    void testRouteSendsOneMessageToTheCallerAndChangesNothingAndAWrongPasswordIs502AuthFailed() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200);
        String profileRef = "offer-generator:" + generatorId;
        await().atMost(WAIT).until(() -> profile(profileRef, 1) != null);
        String ownerEmail = owner + "@users.test";

        // Password absent, same server: the stored password is used for the test.
        keep(as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, null))))
                .post(settingsPath(projectUid, generatorId) + "/test")).then().statusCode(200)
                .body("status", equalTo("SENT"))
                .body("recipient", equalTo(ownerEmail))
                .body("smtp.code", equalTo(250));
        assertEquals(1, server.to(ownerEmail).size());

        String wrong = TestSecrets.remember("wrong-pw-" + UUID.randomUUID());
        keep(as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, wrong))))
                .post(settingsPath(projectUid, generatorId) + "/test")).then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("SMTP_AUTH_FAILED"));
        assertEquals(1, server.to(ownerEmail).size(), "exactly one message, from the good test");

        keep(as(owner).get(settingsPath(projectUid, generatorId))).then().statusCode(200)
                .body("version", equalTo(1)).body("smtp.hasSmtpPassword", equalTo(true));
        assertNull(profile(profileRef, 2), "a test publishes no profile");
    }

    @Test
    void onlyTheOwnerMayTouchSettingsAndStrangersDoNotSeeTheProject() {
        String owner = "owner-" + UUID.randomUUID();
        String member = "member-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        String projectUid = project(kafka, owner, member);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = settingsPath(projectUid, generatorId);

        putSettings(member, projectUid, generatorId, settings(server, password, null)).then().statusCode(403)
                .body("code", equalTo("OWNER_REQUIRED"));
        putSettings(stranger, projectUid, generatorId, settings(server, password, null)).then().statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        keep(as(member).body(Map.of("mailSettings", Map.of("smtp", smtp(server, password)))).post(path + "/test"))
                .then().statusCode(403);
        keep(as(member).delete(path)).then().statusCode(403);
        keep(io.restassured.RestAssured.given().contentType("application/json")
                .body(settings(server, password, null)).put(path)).then().statusCode(401);
        keep(as(owner).get(path)).then().statusCode(404).body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));
        keep(as(owner).get(settingsPath(projectUid, UUID.randomUUID().toString()))).then().statusCode(404)
                .body("code", equalTo("OFFER_GENERATOR_NOT_FOUND"));
    }

    private static MailProfileChanged profile(String profileRef, long version) {
        List<MailProfileChanged> events = kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class);
        return events.stream().filter(e -> profileRef.equals(e.profileRef()) && e.version() == version).findFirst()
                .orElse(null);
    }
}
