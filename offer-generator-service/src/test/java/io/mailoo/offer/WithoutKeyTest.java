package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.proWithThreePanels;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
import static io.mailoo.offer.support.OfferApi.smtp;
import static io.mailoo.offer.support.OfferApi.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The service without MAIL_SMTP_ENCRYPTION_KEY (and with a low submission rate): a new password cannot be stored
 * or tested (503 naming the variable, nothing saved); settings without a password still can. The public route
 * answers 429 over the per-generator rate and the SMTP test route over the per-project rate. No mail is sent here, so no dispatch process is started.
 */
@QuarkusTest
@TestProfile(WithoutKeyTest.NoKey.class)
class WithoutKeyTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.crypto.key", "", "mailoo.offer.submissions-per-minute", "3",
                    "mailoo.offer.smtp-tests-per-project-per-hour", "2");
        }
    }

    static TenantSmtp server;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        server = new TenantSmtp("offers", "nokey-pw-" + UUID.randomUUID());
        kafka = new KafkaTestClient(Topics.PROJECTS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kafka.close();
        server.close();
    }

    @Test
    void aNewPasswordIs503NamingTheVariableAndNothingIsSaved() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = generator(projectUid, generatorId) + "/mail-settings";

        putSettings(owner, projectUid, generatorId, settings(server, "new-pw", null)).then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("ENCRYPTION_KEY_MISSING"))
                .body("detail", equalTo(EncryptionKeyMissingException.MESSAGE));
        as(owner).get(path).then().statusCode(404).body("code", equalTo("MAIL_SETTINGS_NOT_CONFIGURED"));
        as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, "new-pw")))).post(path + "/test").then()
                .statusCode(503).body("code", equalTo("ENCRYPTION_KEY_MISSING"));

        // A server without login needs no key.
        putSettings(owner, projectUid, generatorId, settings(server, null, null)).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(false));
    }

    @Test
    void thePublicRouteIsRateLimitedPerGenerator() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String busy = createGenerator(owner, projectUid, null);
        String quiet = createGenerator(owner, projectUid, null);

        for (int i = 0; i < 3; i++) {
            submit(busy, proWithThreePanels(), "c" + i + "@customer.test").then().statusCode(201)
                    .body("customerDelivery.status", equalTo("NOT_CONFIGURED"));
        }
        submit(busy, proWithThreePanels(), "c4@customer.test").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        submit(quiet, proWithThreePanels(), "c5@customer.test").then().statusCode(201);
    }

    @Test
    void smtpTestsAreLimitedPerProjectAndTheLimitCountsBeforeAnyWork() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = generator(projectUid, generatorId) + "/mail-settings/test";
        for (int i = 0; i < 2; i++) {
            as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, "pw-" + i)))).post(path).then()
                    .statusCode(503).body("code", equalTo("ENCRYPTION_KEY_MISSING"));
        }
        as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, "pw-3")))).post(path).then()
                .statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        // another project of the same owner has its own budget
        String other = project(kafka, owner);
        String otherGenerator = createGenerator(owner, other, null);
        as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, "pw-4"))))
                .post(generator(other, otherGenerator) + "/mail-settings/test").then().statusCode(503);
    }
}
