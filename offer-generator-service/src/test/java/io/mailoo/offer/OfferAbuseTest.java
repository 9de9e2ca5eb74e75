package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.generators;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.proWithThreePanels;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
import static io.mailoo.offer.support.OfferApi.smtp;
import static io.mailoo.offer.support.OfferApi.submit;
import static io.mailoo.offer.support.OfferApi.wizardGenerator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import io.mailoo.contracts.Topics;
import io.mailoo.offer.support.OfferApi;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The routes are not an oracle and not a relay: the SMTP test route is limited per user, public customer mail per
 * recipient, the public route per generator (only once the generator exists); settings bodies are strict; price
 * overflows are 422; every change and test of the settings is audited, without a secret.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class OfferAbuseTest {

    static TenantSmtp server;
    static String password;
    static KafkaTestClient kafka;

    @Inject
    Pool pool;

    @BeforeAll
    static void start() {
        password = "abuse-pw-" + UUID.randomUUID();
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

    private static Response test(String owner, String projectUid, String generatorId, Object smtp) {
        return keep(as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp)))
                .post(settingsPath(projectUid, generatorId) + "/test"));
    }

    private List<Row> rows(String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.from(params)).await().indefinitely()
                .forEach(rows::add);
        return rows;
    }

    private long counters() {
        return rows("select count(*) from rate_limit_counter").get(0).getLong(0);
    }

    @Test
    void fifteenSmtpTestsInARowWithDifferentPasswordsTheEleventhIs429WithRetryAfter() {
        String owner = "oracle-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 15; i++) {
            Response r = test(owner, projectUid, generatorId,
                    smtp(server, TestSecrets.remember("guess-" + i + "-" + UUID.randomUUID())));
            statuses.add(r.statusCode());
            if (i == 10) {
                limited = r;
            }
        }
        assertFalse(statuses.subList(0, 10).contains(429), statuses.toString());
        assertTrue(statuses.subList(10, 15).stream().allMatch(s -> s == 429), statuses.toString());
        limited.then().contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
        // only the ten that were let through reached dispatch and left a trace in the audit trail
        keep(as(owner).get(settingsPath(projectUid, generatorId) + "/audit?limit=200")).then().statusCode(200)
                .body("$", hasSize(10)).body("action", not(hasItem("SAVED")))
                .body("outcome", not(hasItem("SENT")));
    }

    @Test
    void randomGeneratorIdsCostNoLimiterRowAndARealGeneratorStillAnswers() {
        String owner = "owner-" + UUID.randomUUID();
        String generatorId = createGenerator(owner, project(kafka, owner), null);
        long before = counters();
        for (int i = 0; i < 40; i++) {
            submit(UUID.randomUUID().toString(), proWithThreePanels(), "c@customer.test").then().statusCode(404)
                    .body("code", equalTo("OFFER_GENERATOR_NOT_FOUND"));
        }
        submit("not-a-uuid", proWithThreePanels(), "c@customer.test").then().statusCode(404);
        // (<=: the cleanup may drop expired counters of other tests meanwhile; 41 rows would appear otherwise)
        assertTrue(counters() <= before, "unknown generators leave no limiter state");
        submit(generatorId, proWithThreePanels(), "c@customer.test").then().statusCode(201);
        assertTrue(counters() >= 1);
    }

    @Test
    void customerDeliveriesAreCappedPerRecipientAndTheSkipIsRecorded() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200);
        String victim = "victim-" + UUID.randomUUID() + "@customer.test";
        for (int i = 0; i < 3; i++) {
            submit(generatorId, proWithThreePanels(), victim).then().statusCode(201)
                    .body("customerDelivery.status", equalTo("QUEUED"));
        }
        String skipped = submit(generatorId, proWithThreePanels(), victim.toUpperCase()).then().statusCode(201)
                .body("customerDelivery.status", equalTo("SKIPPED_RATE_LIMITED")).extract().path("submissionId");
        submit(generatorId, proWithThreePanels(), "other-" + UUID.randomUUID() + "@customer.test").then()
                .statusCode(201).body("customerDelivery.status", equalTo("QUEUED"));

        keep(as(owner).get(generator(projectUid, generatorId) + "/submissions")).then().statusCode(200)
                .body("find { it.submissionId == '" + skipped + "' }.customerDelivery.status",
                        equalTo("SKIPPED_RATE_LIMITED"))
                .body("$", hasSize(5));
        assertEquals(0, rows("select count(*) from outbox_event where payload is not null and "
                + "convert_from(payload, 'UTF8') like $1", "%" + skipped + "%").get(0).getLong(0),
                "no mail was requested for the skipped delivery");
    }

    @Test
    void publicCustomerAddressesMustBeDottedDnsDomains() {
        String owner = "owner-" + UUID.randomUUID();
        String generatorId = createGenerator(owner, project(kafka, owner), null);
        for (String address : List.of("x@localhost", "x@127.0.0.1", "x@[127.0.0.1]", "x@[IPv6:::1]")) {
            submit(generatorId, proWithThreePanels(), address).then().statusCode(422)
                    .body("errors.code", hasItem("CUSTOMER_EMAIL_INVALID"))
                    .body("errors.field", hasItem("customer.email"));
        }
        submit(generatorId, proWithThreePanels(), "x@customer.test").then().statusCode(201);
    }

    @Test
    void unknownAndWrongTypedSettingsFieldsAre422NamingTheFieldAndChangeNothing() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200);

        Map<String, Object> misspelt = settings(server, null, null);
        smtpOf(misspelt).put("passwrd", "typo");
        refused(owner, projectUid, generatorId, misspelt, "passwrd", "FIELD_UNKNOWN");
        Map<String, Object> topLevel = settings(server, null, null);
        topLevel.put("internalAddress", "sales@sunny.test");
        refused(owner, projectUid, generatorId, topLevel, "internalAddress", "FIELD_UNKNOWN");
        Map<String, Object> branding = settings(server, null, null);
        branding.put("branding", Map.of("colour", "#ffffff"));
        refused(owner, projectUid, generatorId, branding, "branding.colour", "FIELD_UNKNOWN");
        Map<String, Object> port = settings(server, null, null);
        smtpOf(port).put("port", "2525");
        refused(owner, projectUid, generatorId, port, "port", "SMTP_PORT_INVALID");
        Map<String, Object> name = settings(server, null, null);
        name.put("branding", Map.of("companyName", 42));
        refused(owner, projectUid, generatorId, name, "branding.companyName", "FIELD_NOT_TEXT");
        Map<String, Object> internal = settings(server, null, null);
        internal.put("internalNotificationAddress", true);
        refused(owner, projectUid, generatorId, internal, "internalNotificationAddress", "FIELD_NOT_TEXT");
        Map<String, Object> pw = settings(server, null, null);
        smtpOf(pw).put("password", 12345);
        refused(owner, projectUid, generatorId, pw, "password", "FIELD_NOT_TEXT");
        Map<String, Object> notObject = settings(server, null, null);
        notObject.put("branding", "Sunny");
        refused(owner, projectUid, generatorId, notObject, "branding", "FIELD_NOT_OBJECT");

        keep(as(owner).get(settingsPath(projectUid, generatorId))).then().statusCode(200)
                .body("version", equalTo(1)).body("smtp.hasSmtpPassword", equalTo(true))
                .body("branding.companyName", equalTo("Sunny Roofs"));

        Map<String, Object> smtp = smtp(server, null);
        smtp.put("passwrd", "typo");
        test(owner, projectUid, generatorId, smtp).then().statusCode(422)
                .body("errors.field", hasItem("passwrd"))
                .body("errors.code", hasItem("FIELD_UNKNOWN"));
        keep(as(owner).body(Map.of("mailSettings", Map.of("smtp", smtp(server, null)), "dryRun", true))
                .post(settingsPath(projectUid, generatorId) + "/test")).then().statusCode(422)
                .body("errors.field", hasItem("dryRun"));
    }

    private static void refused(String owner, String projectUid, String generatorId, Object body, String field,
            String code) {
        putSettings(owner, projectUid, generatorId, body).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.find { it.field == '" + field + "' }.code", equalTo(code));
    }

    @Test
    void absentNullAndMissingSettingsAndAnUnreadableStoredPasswordAnswerTheSharedCodesAndView() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = settingsPath(projectUid, generatorId);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(true)).body("smtp.profileVersion", equalTo(1))
                .body("smtp.updatedAt", notNullValue()).body("smtp", hasKey("suspension"));
        // absent password, same server: the stored one stays
        putSettings(owner, projectUid, generatorId, settings(server, null, null)).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(true)).body("smtp.profileVersion", equalTo(2));

        // a stored password no configured key opens (sealed under a retired key): 409, nothing sent
        rows("update offer_mail_settings set password_key_id = 'retired-key' where generator_id = $1",
                UUID.fromString(generatorId));
        test(owner, projectUid, generatorId, smtp(server, null)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("SMTP_PASSWORD_UNREADABLE"));

        // null password: removed
        Map<String, Object> removed = settings(server, null, null);
        smtpOf(removed).put("password", null);
        putSettings(owner, projectUid, generatorId, removed).then().statusCode(200)
                .body("smtp.hasSmtpPassword", equalTo(false)).body("smtp.profileVersion", equalTo(3));

        Map<String, Object> noSmtp = settings(server, password, null);
        noSmtp.put("smtp", null);
        putSettings(owner, projectUid, generatorId, noSmtp).then().statusCode(422)
                .body("code", equalTo("SMTP_SETTINGS_REQUIRED")).body("errors[0].field", equalTo("smtp"));
        keep(as(owner).body(Map.of()).post(path + "/test")).then().statusCode(422)
                .body("code", equalTo("SMTP_SETTINGS_REQUIRED"));
        keep(as(owner).body(Map.of("mailSettings", Map.of("smtp", "127.0.0.1"))).post(path + "/test")).then()
                .statusCode(422).body("code", equalTo("FIELD_NOT_OBJECT")).body("errors[0].field", equalTo("smtp"));
        keep(as(owner).get(path)).then().statusCode(200)
                .body("smtp.profileVersion", equalTo(3)).body("smtp.hasSmtpPassword", equalTo(false));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> smtpOf(Map<String, Object> settings) {
        return (Map<String, Object>) settings.get("smtp");
    }

    @Test
    void wizardsWhoseDearestOfferWouldOverflowAre422PriceOutOfRange() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fields.add(Map.of("id", "n" + i, "label", "N" + i, "type", "NUMBER", "min", 0, "max", 1_000_000,
                    "unitPriceMinor", 1_000_000_000_000L));
        }
        Map<String, Object> huge = new LinkedHashMap<>(wizardGenerator(null));
        huge.put("wizard", Map.of("steps", List.of(Map.of("id", "s", "title", "S", "fields", fields))));
        keep(as(owner).body(huge).post(generators(projectUid))).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.code", contains("PRICE_OUT_OF_RANGE"))
                .body("errors.field", contains("wizard.steps[0].fields[0]"));

        Map<String, Object> base = new LinkedHashMap<>(wizardGenerator(null));
        base.put("basePriceMinor", 999_999_999_999L);
        base.put("wizard", Map.of("steps", List.of(Map.of("id", "s", "title", "S", "fields", List.of(
                Map.of("id", "n", "label", "N", "type", "NUMBER", "min", 0, "max", 1_000_000,
                        "unitPriceMinor", 999_999_999_999L))))));
        keep(as(owner).body(base).post(generators(projectUid))).then().statusCode(422)
                .body("errors.field", contains("wizard.steps[0].fields[0]"));
        keep(as(owner).body(wizardGenerator(null)).post(generators(projectUid))).then().statusCode(201);
    }

    @Test
    void aStoredWizardThatOverflowsAtSubmissionIs422NotA500() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        // a generator saved before the bound: ten numbers of 10^6 x 10^12 sum past a long
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            fields.add(Map.of("id", "n" + i, "label", "N" + i, "type", "NUMBER", "min", 0, "max", 1_000_000,
                    "unitPriceMinor", 1_000_000_000_000L));
            answers.put("n" + i, 1_000_000);
        }
        String wizard = io.mailoo.contracts.json.EventCodec.encodeToString(
                Map.of("steps", List.of(Map.of("id", "s", "title", "S", "fields", fields))));
        rows("update offer_generator set wizard = $1 where id = $2", wizard, UUID.fromString(generatorId));
        submit(generatorId, answers, "big@customer.test").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("PRICE_OUT_OF_RANGE"))
                .body("errors[0].field", equalTo("answers.n0"));
        answers.replaceAll((id, n) -> 0);
        answers.put("n0", 5);
        submit(generatorId, answers, "small@customer.test").then().statusCode(201)
                .body("offer.total", equalTo(5_000_000_005_000L));
    }

    @Test
    void everySaveRemovalAndTestIsAuditedWithFieldNamesOnlyForTheOwner() {
        String owner = "auditor-" + UUID.randomUUID();
        String member = "member-" + UUID.randomUUID();
        String projectUid = project(kafka, owner, member);
        String generatorId = createGenerator(owner, projectUid, null);
        String path = settingsPath(projectUid, generatorId);

        putSettings(owner, projectUid, generatorId, settings(server, password, "sales@sunny.test")).then()
                .statusCode(200);
        Map<String, Object> changed = settings(server, null, "team@sunny.test");
        smtpOf(changed).put("fromName", "Sunny Offers");
        changed.put("branding", Map.of("companyName", "Sunny Roofs", "primaryColor", "#00ff00"));
        putSettings(owner, projectUid, generatorId, changed).then().statusCode(200);
        test(owner, projectUid, generatorId, smtp(server, null)).then().statusCode(200);
        String wrong = TestSecrets.remember("audit-wrong-" + UUID.randomUUID());
        test(owner, projectUid, generatorId, smtp(server, wrong)).then().statusCode(502);
        keep(as(owner).delete(path)).then().statusCode(204);

        Response audit = keep(as(owner).get(path + "/audit"));
        audit.then().statusCode(200).body("$", hasSize(5))
                .body("action", contains("REMOVED", "TESTED", "TESTED", "SAVED", "SAVED"))
                .body("[1].outcome", equalTo("SMTP_AUTH_FAILED"))
                .body("[1].changedFields", contains("password", "fromName"))
                .body("[2].outcome", equalTo("SENT"))
                .body("[2].changedFields", contains("fromName"))
                .body("[3].changedFields", contains("fromName", "internalNotificationAddress",
                        "branding.logoUrl", "branding.primaryColor", "branding.footerText"))
                .body("[3].outcome", equalTo(null))
                .body("[4].changedFields", hasItem("password"))
                .body("[4].changedFields", hasItem("host"))
                .body("[0].changedFields", hasItem("password"))
                .body("actorUserId", everyItemIs(owner))
                .body("actorEmail", everyItemIs(owner + "@users.test"))
                .body("clientAddress", everyItemIs("127.0.0.1"))
                .body("[0].occurredAt", notNullValue());
        assertFalse(audit.asString().contains(password));
        assertFalse(audit.asString().contains(wrong));
        for (Row row : rows("select * from smtp_settings_audit where profile_ref = $1",
                "offer-generator:" + generatorId)) {
            for (int c = 0; c < row.size(); c++) {
                String value = String.valueOf(row.getValue(c));
                assertFalse(value.contains(password) || value.contains(wrong), "no password in an audit row");
            }
        }

        keep(as(owner).get(path + "/audit?limit=2")).then().statusCode(200).body("action",
                contains("REMOVED", "TESTED"));
        for (String limit : List.of("0", "201", "-1", "many", "1.5")) {
            keep(as(owner).get(path + "/audit?limit=" + limit)).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("LIMIT_INVALID"));
        }
        keep(as(member).get(path + "/audit")).then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
        keep(as("stranger-" + UUID.randomUUID()).get(path + "/audit")).then().statusCode(404);
        keep(as(owner).get(settingsPath(projectUid, UUID.randomUUID().toString()) + "/audit")).then()
                .statusCode(404);
        keep(given().contentType(ContentType.JSON).get(path + "/audit")).then().statusCode(401);
        assertNotEquals(0, audit.jsonPath().getList("$").size());
    }

    private static org.hamcrest.Matcher<Iterable<? super Object>> everyItemIs(String value) {
        @SuppressWarnings({ "unchecked", "rawtypes" })
        org.hamcrest.Matcher<Iterable<? super Object>> m = (org.hamcrest.Matcher) org.hamcrest.Matchers
                .everyItem(equalTo(value));
        return m;
    }
}
