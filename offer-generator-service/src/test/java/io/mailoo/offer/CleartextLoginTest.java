package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import io.mailoo.contracts.Topics;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Production's MAIL_SMTP_ALLOW_PRIVATE_HOSTS=false: a login without TLS (security NONE with a username or a
 * password) is refused on save and on test, and nothing is saved. Nothing leaves the service, so no dispatch.
 */
@QuarkusTest
@TestProfile(CleartextLoginTest.Production.class)
class CleartextLoginTest {

    /** The service as production runs it. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.smtp.allow-private-hosts", "false");
        }
    }

    static TenantSmtp server;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        server = new TenantSmtp("offers", "cleartext-pw-" + UUID.randomUUID());
        kafka = new KafkaTestClient(Topics.PROJECTS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kafka.close();
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withSmtp(String security, String username, String password) {
        Map<String, Object> body = new HashMap<>(settings(server, password, null));
        Map<String, Object> smtp = new HashMap<>((Map<String, Object>) body.get("smtp"));
        smtp.put("security", security);
        smtp.put("username", username);
        body.put("smtp", smtp);
        return body;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLoginWithoutTlsIsRefusedOnSaveAndOnTestAndNothingIsSaved() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = generator(projectUid, generatorId) + "/mail-settings";

        for (Map<String, Object> cleartext : List.of(withSmtp("NONE", "offers", "pw-1"),
                withSmtp("NONE", "offers", null), withSmtp("NONE", null, "pw-1"))) {
            putSettings(owner, projectUid, generatorId, cleartext).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SMTP_CLEARTEXT_LOGIN_REFUSED"))
                    .body("errors[0].field", equalTo("security"))
                    .body("errors[0].message", containsString("STARTTLS"));
            as(owner).body(Map.of("mailSettings", cleartext)).post(path + "/test").then().statusCode(422)
                    .body("code", equalTo("SMTP_CLEARTEXT_LOGIN_REFUSED"))
                    .body("errors[0].field", equalTo("security"));
        }
        as(owner).get(path).then().statusCode(404).body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));

        putSettings(owner, projectUid, generatorId, withSmtp("STARTTLS", "offers", "pw-1")).then().statusCode(200);
        Map<String, Object> noLogin = withSmtp("NONE", null, null);
        ((Map<String, Object>) noLogin.get("smtp")).put("password", null); // JSON null: remove the stored one
        putSettings(owner, projectUid, generatorId, noLogin).then().statusCode(200)
                .body("smtp.security", equalTo("NONE")).body("smtp.hasSmtpPassword", equalTo(false));
    }
}
