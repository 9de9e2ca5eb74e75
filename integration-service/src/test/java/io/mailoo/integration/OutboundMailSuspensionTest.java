package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.integration.support.Api;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A profile that dispatch suspends after repeated SMTP authentication failures shows on the integration's
 * outboundMail as {@code suspension}, and saving the settings clears it: through the packaged dispatcher (its
 * default of 5 failures in a row), and from results other services' mail produced through the same profile.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class OutboundMailSuspensionTest {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(40);

    private static KafkaTestClient kafka;
    private static TenantSmtp shop;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS);
        shop = new TenantSmtp("suspended-shop");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .passwords(List.of(shop.password)).responses(Api.allBodies())
                    .records(kafka.records(Topics.MAIL_REQUESTS)).assertNoneLeaked();
        } finally {
            kafka.close();
            shop.close();
        }
    }

    @Test
    void repeatedLoginFailuresShowAsSuspensionUntilTheSettingsAreSaved() {
        Api owner = Api.as("owner-suspension");
        String project = owner.project("Suspension");
        Map<String, String> form = owner.integration(project, "CONTACT_FORM", "Contact");
        String wrong = TestSecrets.remember("wrong-" + UUID.randomUUID());
        owner.saveOutboundMail(project, form.get("id"), TenantSmtp.with(shop.settings(), "password", wrong))
                .then().statusCode(200).body("config.outboundMail.suspension", nullValue());
        String message = submit(form.get("publicKey"));

        // each reply fails on the login; dispatch suspends the profile after its threshold, and the next one says so
        String lastError = null;
        for (int i = 0; i < 8 && !"PROFILE_SUSPENDED".equals(lastError); i++) {
            String replyId = owner.post(replies(project, form.get("id"), message),
                    Map.of("subject", "Re: attempt " + i, "text", "Answer " + i)).then().statusCode(202)
                    .extract().path("replyId");
            lastError = await().atMost(MAIL_TIMEOUT).until(() -> replyError(owner, project, form.get("id"), message,
                    replyId), code -> code != null);
        }
        assertEquals("PROFILE_SUSPENDED", lastError);
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(Api.integration(project, form.get("id"))).then()
                .statusCode(200)
                .body("config.outboundMail.suspension.errorCode", equalTo("PROFILE_SUSPENDED"))
                .body("config.outboundMail.suspension.message", equalTo(
                        "Sending is paused after repeated SMTP authentication failures; save corrected SMTP "
                                + "settings to resume."))
                .body("config.outboundMail.suspension.since", notNullValue()));
        owner.get(Api.integrations(project)).then().body("[0].config.outboundMail.suspension.errorCode",
                equalTo("PROFILE_SUSPENDED"));

        owner.saveOutboundMail(project, form.get("id"), shop.settings()).then().statusCode(200)
                .body("config.outboundMail.suspension", nullValue());
        String fixed = owner.post(replies(project, form.get("id"), message),
                Map.of("subject", "Re: fixed", "text", "Now it works")).then().statusCode(202).extract()
                .path("replyId");
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(replies(project, form.get("id"), message)).then()
                .body("find { it.replyId == '" + fixed + "' }.status", equalTo("SENT")));
        owner.get(Api.integration(project, form.get("id"))).then()
                .body("config.outboundMail.suspension", nullValue());
    }

    @Test
    void aSuspensionReportedOnAnotherServicesMailCountsOnlyAfterTheLastSave() {
        Api owner = Api.as("owner-market-suspension");
        String project = owner.project("Market suspension");
        String market = owner.integration(project, "MARKET", "Shop").get("id");
        owner.saveOutboundMail(project, market, shop.settings()).then().statusCode(200);
        String ref = "integration:" + market;
        Instant savedAt = Instant.parse(owner.get(Api.integration(project, market)).then().extract()
                .path("config.outboundMail.updatedAt"));

        // another service's result without the error-code header is skipped undecoded, even though its JSON says
        // PROFILE_SUSPENDED; one from before the last save concerns replaced settings
        publishMarketResult(ref, Instant.now(), false);
        publishMarketResult(ref, savedAt.minusSeconds(60), true);
        // a witness after them: once its suspension shows, the two before it have been consumed
        Instant witnessAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        publishMarketResult(ref, witnessAt, true);
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(Api.integration(project, market)).then()
                .body("config.outboundMail.suspension.errorCode", equalTo("PROFILE_SUSPENDED")));
        assertEquals(witnessAt, Instant.parse(owner.get(Api.integration(project, market)).then().extract()
                .path("config.outboundMail.suspension.since")), "since is the first suspension after the save");

        // removing and adding the profile again starts without a suspension
        Map<String, Object> remove = new HashMap<>();
        remove.put("outboundMail", null);
        owner.patch(Api.config(project, market), remove).then().statusCode(200)
                .body("config.outboundMail", nullValue());
        owner.saveOutboundMail(project, market, shop.settings()).then().statusCode(200)
                .body("config.outboundMail.suspension", nullValue());
    }

    private static void publishMarketResult(String ref, Instant occurredAt, boolean errorCodeHeader) {
        MailDispatchResult result = new MailDispatchResult(UUID.randomUUID(), ref, MailPurpose.ORDER_CONFIRMATION,
                new MailSource("market-service", "order", UUID.randomUUID().toString()), MailStatus.FAILED, 1, null,
                null, "PROFILE_SUSPENDED", occurredAt);
        Map<String, String> headers = errorCodeHeader
                ? Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, "market-service", Topics.RESULT_ERROR_CODE_HEADER,
                        "PROFILE_SUSPENDED")
                : Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, "market-service");
        kafka.send(Topics.MAIL_RESULTS, ref, result, headers);
    }

    private static String replyError(Api owner, String project, String integration, String message, String replyId) {
        List<Map<String, Object>> replies = owner.get(replies(project, integration, message)).then().statusCode(200)
                .extract().path("findAll { it.replyId == '" + replyId + "' }");
        Map<String, Object> reply = replies.get(0);
        return "FAILED".equals(reply.get("status")) ? String.valueOf(reply.get("errorCode")) : null;
    }

    private static String submit(String publicKey) {
        return given().contentType("application/json")
                .body(Map.of("email", "asker@example.test", "name", "Asker", "message", "A question."))
                .post("/api/v1/public/forms/" + publicKey + "/submissions").then().statusCode(201).extract()
                .path("id");
    }

    private static String replies(String project, String integration, String message) {
        return Api.integration(project, integration) + "/messages/" + message + "/replies";
    }
}
