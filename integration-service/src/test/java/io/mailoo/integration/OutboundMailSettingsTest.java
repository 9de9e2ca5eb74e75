package io.mailoo.integration;

import static io.mailoo.testsupport.TenantSmtp.with;
import static io.mailoo.testsupport.TenantSmtp.without;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * outboundMail save and read through the real PostgreSQL and Kafka: sealing, the stored-password rule, validation,
 * access rules and the events each change publishes. Also the service's health, metrics and OpenAPI.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class OutboundMailSettingsTest {

    private static KafkaTestClient kafka;
    private static TenantSmtp smtp;
    private static final List<String> CIPHERTEXTS = new ArrayList<>();
    private static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.PROJECTS, Topics.INTEGRATIONS, Topics.MAIL_PROFILES);
        smtp = new TenantSmtp("settings");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(kafka.records(Topics.PROJECTS));
            all.addAll(kafka.records(Topics.INTEGRATIONS));
            all.addAll(kafka.records(Topics.MAIL_PROFILES));
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .passwords(List.of(smtp.password)).ciphertexts(CIPHERTEXTS).responses(Api.allBodies())
                    .records(all).assertNoneLeaked();
        } finally {
            kafka.close();
            smtp.close();
        }
    }

    private static SecretBinding bindingOf(String integrationId, int port) {
        return SecretBinding.smtpPassword("integration:" + integrationId, "127.0.0.1", port, "NONE", "settings");
    }

    @Test
    void savedSettingsReadBackWithHasSmtpPasswordOnlyAndTheColumnIsCiphertextForThisProfile() {
        Api owner = Api.as("owner-save");
        String project = owner.project("Shop");
        String id = owner.integration(project, "FORM", "Newsletter").get("id");

        Response saved = owner.saveOutboundMail(project, id, smtp.settings());
        saved.then().statusCode(200)
                .body("config.outboundMail.host", equalTo("127.0.0.1"))
                .body("config.outboundMail.hasSmtpPassword", equalTo(true))
                .body("config.outboundMail.profileVersion", equalTo(1))
                .body("config.outboundMail", not(org.hamcrest.Matchers.hasKey("password")));
        Response read = owner.get(Api.integration(project, id));
        read.then().statusCode(200)
                .body("config.outboundMail.username", equalTo("settings"))
                .body("config.outboundMail.fromAddress", equalTo("hello@settings.test"))
                .body("config.outboundMail.hasSmtpPassword", equalTo(true));
        owner.get(Api.integrations(project)).then().statusCode(200)
                .body("[0].config.outboundMail.hasSmtpPassword", equalTo(true));

        String ciphertext = Database.column("select password_ciphertext from outbound_mail where integration_id = ?",
                java.util.UUID.fromString(id)).get(0);
        String keyId = Database.column("select password_key_id from outbound_mail where integration_id = ?",
                java.util.UUID.fromString(id)).get(0);
        CIPHERTEXTS.add(TestSecrets.remember(ciphertext));
        assertFalse(ciphertext.contains(smtp.password));
        assertFalse(saved.asString().contains(ciphertext) || read.asString().contains(ciphertext));
        SealedSecret sealed = new SealedSecret(keyId, ciphertext);
        assertEquals(smtp.password, CIPHER.open(sealed, bindingOf(id, smtp.port())),
                "opens with the key, this profile and this server");
        assertThrows(SecretOpenException.class, () -> CIPHER.open(sealed, SecretBinding.smtpPassword(
                "integration:someone-else", "127.0.0.1", smtp.port(), "NONE", "settings")));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(sealed, bindingOf(id, smtp.port() + 1)),
                "bound to the server: another port does not open it");
        SmtpSecretCipher otherKey = SmtpSecretCipher.fromBase64Keys(
                java.util.Base64.getEncoder().encodeToString(new byte[32]), null);
        assertThrows(SecretOpenException.class, () -> otherKey.open(sealed, bindingOf(id, smtp.port())));

        MailProfileChanged event = await().atMost(Duration.ofSeconds(20)).until(
                () -> kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class).stream()
                        .filter(e -> e.profileRef().equals("integration:" + id)).findFirst().orElse(null),
                e -> e != null);
        assertEquals(1, event.version());
        assertEquals(project, event.projectUid());
        assertEquals("hello@settings.test", event.from().address());
        assertEquals(smtp.password, CIPHER.open(event.smtp().password(),
                SecretBinding.smtpPassword(event.profileRef(), event.smtp())));
        IntegrationChanged changed = await().atMost(Duration.ofSeconds(20)).until(
                () -> kafka.events(Topics.INTEGRATIONS, IntegrationChanged.class).stream()
                        .filter(e -> e.integrationId().equals(id) && e.version() == 2).findFirst().orElse(null),
                e -> e != null);
        assertEquals("FORM", changed.type());
        assertEquals("owner-save", changed.ownerUserId());
    }

    @Test
    void absentPasswordKeepsItOnlyForTheSameServerNullRemovesItAndNullProfileIsATombstone() {
        Api owner = Api.as("owner-rules");
        String project = owner.project("Rules");
        String id = owner.integration(project, "CONTACT_FORM", "Contact").get("id");
        owner.saveOutboundMail(project, id, smtp.settings()).then().statusCode(200);

        owner.saveOutboundMail(project, id, with(without(smtp.settings(), "password"), "fromName", "Renamed"))
                .then().statusCode(200)
                .body("config.outboundMail.fromName", equalTo("Renamed"))
                .body("config.outboundMail.hasSmtpPassword", equalTo(true))
                .body("config.outboundMail.profileVersion", equalTo(2));

        for (Object[] change : new Object[][] { { "host", "localhost" }, { "port", smtp.port() + 1 },
                { "security", "STARTTLS" }, { "username", "someone-else" } }) {
            owner.saveOutboundMail(project, id, with(without(smtp.settings(), "password"), change[0], change[1]))
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SMTP_PASSWORD_REQUIRED"))
                    .body("errors[0].field", equalTo("password"));
        }
        owner.get(Api.integration(project, id)).then()
                .body("config.outboundMail.host", equalTo("127.0.0.1"))
                .body("config.outboundMail.username", equalTo("settings"))
                .body("config.outboundMail.profileVersion", equalTo(2));

        owner.saveOutboundMail(project, id, with(smtp.settings(), "password", null)).then().statusCode(200)
                .body("config.outboundMail.hasSmtpPassword", equalTo(false))
                .body("config.outboundMail.profileVersion", equalTo(3));
        assertNull(Database.column("select password_ciphertext from outbound_mail where integration_id = ?",
                java.util.UUID.fromString(id)).get(0));

        Map<String, Object> remove = new HashMap<>();
        remove.put("outboundMail", null);
        owner.patch(Api.config(project, id), remove).then().statusCode(200)
                .body("config.outboundMail", nullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.MAIL_PROFILES).stream()
                .anyMatch(r -> r.key().equals("integration:" + id) && r.value() == null));
        MailProfileChanged last = kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class).stream()
                .filter(e -> e.profileRef().equals("integration:" + id)).reduce((a, b) -> b).orElseThrow();
        assertEquals(3, last.version());
        assertNull(last.smtp().password(), "a removed password is not in the event");

        ConsumerRecord<String, byte[]> tombstone = kafka.records(Topics.MAIL_PROFILES).stream()
                .filter(r -> r.key().equals("integration:" + id) && r.value() == null).findFirst().orElseThrow();
        assertEquals(java.util.OptionalLong.of(4), VersionedRemovals.removedVersion(
                tombstone.headers().lastHeader(Topics.REMOVED_VERSION_HEADER).value()),
                "the tombstone carries the removal's version (3 was the last save)");

        // the version keeps growing across the removal: a re-save is newer than the removal for every projector
        owner.saveOutboundMail(project, id, smtp.settings()).then().statusCode(200)
                .body("config.outboundMail.profileVersion", equalTo(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class)
                .stream().anyMatch(e -> e.profileRef().equals("integration:" + id) && e.version() == 5));
    }

    @Test
    void invalidFieldsAnswer422WithEveryFieldAndChangeNothing() {
        Api owner = Api.as("owner-invalid");
        String project = owner.project("Invalid");
        String id = owner.integration(project, "MARKET", "Market").get("id");
        owner.saveOutboundMail(project, id, with(smtp.settings(), "port", 70000, "security", "TLS",
                "fromAddress", "a@b.test\r\nBcc: x@evil.test", "host", "", "fromName", "x\ny"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.code", hasItems("SMTP_PORT_INVALID", "SMTP_SECURITY_INVALID", "FROM_ADDRESS_INVALID",
                        "SMTP_HOST_REQUIRED", "FROM_NAME_INVALID"));
        owner.saveOutboundMail(project, id, with(smtp.settings(), "port", "25x")).then().statusCode(422)
                .body("errors[0].code", equalTo("SMTP_PORT_INVALID"));
        owner.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue());
        assertTrue(Database.column("select integration_id from outbound_mail where integration_id = ?",
                java.util.UUID.fromString(id)).isEmpty());
    }

    @Test
    void unknownAndWrongTypedFieldsAre422AndAMisspeltPasswordNeverKeepsTheStoredOne() {
        Api owner = Api.as("owner-unknown");
        String project = owner.project("Unknown fields");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.saveOutboundMail(project, id, smtp.settings()).then().statusCode(200);

        Map<String, Object> misspelt = with(without(smtp.settings(), "password"), "passwrd", "typo-" + smtp.password,
                "host", "smtp.elsewhere.test");
        owner.saveOutboundMail(project, id, misspelt).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.find { it.code == 'FIELD_UNKNOWN' }.field", equalTo("passwrd"))
                .body("errors.find { it.code == 'FIELD_UNKNOWN' }.message", containsString("passwrd"));
        owner.saveOutboundMail(project, id, with(smtp.settings(), "Password", "x")).then().statusCode(422)
                .body("code", equalTo("FIELD_UNKNOWN")).body("errors[0].field", equalTo("Password"));
        owner.testOutboundMail(project, id, with(smtp.settings(), "extra", true)).then().statusCode(422)
                .body("code", equalTo("FIELD_UNKNOWN")).body("errors[0].field", equalTo("extra"));

        owner.saveOutboundMail(project, id, with(smtp.settings(), "host", 5, "password", 123, "port", true,
                "fromName", Map.of("a", 1), "replyTo", List.of("x@y.test"))).then().statusCode(422)
                .body("errors.field", hasItems("host", "password", "port", "fromName", "replyTo"))
                .body("errors.find { it.field == 'host' }.code", equalTo("FIELD_NOT_TEXT"))
                .body("errors.find { it.field == 'password' }.code", equalTo("FIELD_NOT_TEXT"))
                .body("errors.find { it.field == 'port' }.code", equalTo("SMTP_PORT_INVALID"));
        owner.saveOutboundMail(project, id, with(smtp.settings(), "port", "587")).then().statusCode(422)
                .body("errors[0].field", equalTo("port"));

        owner.get(Api.integration(project, id)).then()
                .body("config.outboundMail.host", equalTo("127.0.0.1"))
                .body("config.outboundMail.profileVersion", equalTo(1))
                .body("config.outboundMail.hasSmtpPassword", equalTo(true));
    }

    @Test
    void everySaveAndRemovalIsAuditedByFieldNameForTheOwnerOnly() {
        Api owner = Api.as("owner-audit");
        String project = owner.project("Audit");
        String id = owner.integration(project, "CONTACT_FORM", "Contact").get("id");
        owner.addMember(project, "member-audit");
        String audit = Api.integration(project, id) + "/outbound-mail/audit";
        owner.get(audit).then().statusCode(200).body("size()", equalTo(0));

        owner.saveOutboundMail(project, id, smtp.settings()).then().statusCode(200);
        owner.saveOutboundMail(project, id, with(smtp.settings(), "fromName", "Renamed")).then().statusCode(200);
        owner.saveOutboundMail(project, id, with(without(smtp.settings(), "password"), "fromName", "Renamed"))
                .then().statusCode(200);
        owner.saveOutboundMail(project, id, with(smtp.settings(), "port", 70000)).then().statusCode(422);
        owner.saveOutboundMail(project, id, null).then().statusCode(200);

        owner.get(audit).then().statusCode(200)
                .contentType("application/json")
                .body("size()", equalTo(4))
                .body("action", org.hamcrest.Matchers.contains("REMOVED", "SAVED", "SAVED", "SAVED"))
                // a removal names every field that had a value (as offer-generator-service's always did)
                .body("[0].changedFields", org.hamcrest.Matchers.hasItems("host", "port", "security", "password",
                        "fromAddress", "fromName"))
                .body("[1].changedFields", org.hamcrest.Matchers.empty())
                .body("[2].changedFields", org.hamcrest.Matchers.contains("password", "fromName"))
                .body("[3].changedFields", org.hamcrest.Matchers.contains("host", "port", "security", "username",
                        "password", "fromAddress", "fromName", "replyTo"))
                .body("actorUserId", org.hamcrest.Matchers.everyItem(equalTo("owner-audit")))
                .body("actorEmail", org.hamcrest.Matchers.everyItem(equalTo("owner-audit@users.test")))
                .body("clientAddress", org.hamcrest.Matchers.everyItem(equalTo("127.0.0.1")))
                .body("[3].outcome", nullValue())
                .body("[0].occurredAt", org.hamcrest.Matchers.notNullValue());
        owner.get(audit + "?limit=2").then().statusCode(200).body("size()", equalTo(2))
                .body("action", org.hamcrest.Matchers.contains("REMOVED", "SAVED"));
        for (String bad : List.of("0", "201", "-1", "abc", "1.5")) {
            owner.get(audit + "?limit=" + bad).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("LIMIT_INVALID"));
        }
        Api.as("member-audit").get(audit).then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
        Api.as("stranger-audit").get(audit).then().statusCode(404);
        given().get(audit).then().statusCode(401);

        String rows = String.join("\n", Database.column("select concat_ws('|', profile_ref, action, actor_user_id, "
                + "actor_email, changed_fields, outcome, client_address) from smtp_settings_audit"));
        assertFalse(rows.contains(smtp.password), "no password in an audit row");
        assertTrue(rows.contains("integration:" + id));
    }

    @Test
    void onlyTheOwnerOfAMailSendingIntegrationMayChangeOrTestIt() {
        Api owner = Api.as("owner-auth");
        String project = owner.project("Auth");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.addMember(project, "member-auth");
        Api member = Api.as("member-auth");
        Api stranger = Api.as("stranger-auth");

        member.get(Api.integration(project, id)).then().statusCode(200);
        member.saveOutboundMail(project, id, smtp.settings()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("OWNER_REQUIRED"));
        member.testOutboundMail(project, id, smtp.settings()).then().statusCode(403);
        stranger.get(Api.integration(project, id)).then().statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
        stranger.saveOutboundMail(project, id, smtp.settings()).then().statusCode(404);
        stranger.testOutboundMail(project, id, smtp.settings()).then().statusCode(404);
        given().get(Api.integration(project, id)).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not.a.token").get(Api.integration(project, id)).then()
                .statusCode(401).body("code", equalTo("UNAUTHORIZED"));

        String webhook = owner.integration(project, "WEBHOOK", "Hook").get("id");
        owner.saveOutboundMail(project, webhook, smtp.settings()).then().statusCode(422)
                .body("code", equalTo("OUTBOUND_MAIL_NOT_SUPPORTED"));
        owner.testOutboundMail(project, webhook, smtp.settings()).then().statusCode(422)
                .body("code", equalTo("OUTBOUND_MAIL_NOT_SUPPORTED"))
                .body("detail", containsString("FORM, CONTACT_FORM and MARKET"));
        // what each type can do comes with the integration, so clients keep no list of their own
        owner.get(Api.integration(project, webhook)).then().body("capabilities.sendsMail", equalTo(false))
                .body("capabilities.takesSubmissions", equalTo(false))
                .body("capabilities.takesSubscriptions", equalTo(false));
        member.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue())
                .body("capabilities.sendsMail", equalTo(true)).body("capabilities.takesSubmissions", equalTo(true))
                .body("capabilities.takesSubscriptions", equalTo(true));
        String contact = owner.integration(project, "CONTACT_FORM", "Contact").get("id");
        owner.get(Api.integrations(project)).then()
                .body("find { it.id == '" + contact + "' }.capabilities.takesSubmissions", equalTo(true))
                .body("find { it.id == '" + contact + "' }.capabilities.takesSubscriptions", equalTo(false));
    }

    @Test
    void projectsAndMembersArePublishedForTheOtherServices() {
        Api owner = Api.as("owner-events");
        String project = owner.project("Events");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.addMember(project, "member-events");
        Api.as("member-events").get("/api/v1/projects").then().statusCode(200)
                .body("projectUid", hasItems(project)).body("find { it.projectUid == '" + project + "' }.role",
                        equalTo("MEMBER"));

        ProjectChanged withMember = await().atMost(Duration.ofSeconds(20)).until(
                () -> kafka.events(Topics.PROJECTS, ProjectChanged.class).stream()
                        .filter(e -> e.projectUid().equals(project) && e.version() == 2).findFirst().orElse(null),
                e -> e != null);
        assertEquals("owner-events", withMember.ownerUserId());
        assertEquals(List.of("member-events"), withMember.memberUserIds());
        IntegrationChanged integration = await().atMost(Duration.ofSeconds(20)).until(
                () -> kafka.events(Topics.INTEGRATIONS, IntegrationChanged.class).stream()
                        .filter(e -> e.integrationId().equals(id) && e.memberUserIds().contains("member-events"))
                        .findFirst().orElse(null), e -> e != null);
        assertNotNull(integration.publicKey());
        assertNotEquals(1, integration.version());
        ConsumerRecord<String, byte[]> record = kafka.records(Topics.PROJECTS).stream()
                .filter(r -> r.key().equals(project)).findFirst().orElseThrow();
        assertEquals("io.mailoo.project.changed.v1",
                new String(record.headers().lastHeader("ce_type").value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void projectAndIntegrationIdsAreTimeOrderedSoOtherServicesCanTellJustCreatedFromUnknown() {
        Api owner = Api.as("owner-ids");
        java.time.Instant before = java.time.Instant.now().minusMillis(1);
        String project = owner.project("Ids");
        String id = owner.integration(project, "MARKET", "Market").get("id");
        java.time.Instant after = java.time.Instant.now().plusMillis(1);
        for (String created : List.of(project, id)) {
            assertEquals(7, java.util.UUID.fromString(created).version(), created);
            java.time.Instant at = TimeOrderedIds.createdAt(created).orElseThrow();
            assertTrue(!at.isBefore(before) && !at.isAfter(after), created + " was created at " + at);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/projects/{projectUid}/integrations/{integrationId}/config"))
                .body(containsString("/api/v1/public/forms/{publicKey}/subscriptions"));
    }
}
