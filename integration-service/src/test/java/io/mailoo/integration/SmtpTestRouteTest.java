package io.mailoo.integration;

import static io.mailoo.testsupport.TenantSmtp.with;
import static io.mailoo.testsupport.TenantSmtp.without;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.integration.support.FrozenBroker;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.PlatformSmtp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** "Send test email" through the real Kafka, mail-dispatch-service and the tenant's GreenMail. */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class SmtpTestRouteTest {

    @PlatformSmtp
    GreenMail platform;

    private static KafkaTestClient kafka;
    private static TenantSmtp saved;
    private static TenantSmtp other;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS, Topics.MAIL_PROFILES);
        saved = new TenantSmtp("saved");
        other = new TenantSmtp("other");
    }

    @BeforeEach
    void purge() throws Exception {
        saved.server.purgeEmailFromAllMailboxes();
        other.server.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(kafka.records(Topics.MAIL_REQUESTS));
            all.addAll(kafka.records(Topics.MAIL_RESULTS));
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .passwords(List.of(saved.password, other.password)).responses(Api.allBodies())
                    .records(all).assertNoneLeaked();
        } finally {
            kafka.close();
            saved.close();
            other.close();
        }
    }

    @Test
    void unsavedSettingsSendExactlyOneMailToTheCallerAndChangeNothingStored() throws Exception {
        Api owner = Api.as("owner-test");
        String project = owner.project("Test");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.saveOutboundMail(project, id, saved.settings()).then().statusCode(200);

        owner.testOutboundMail(project, id, with(other.settings(), "fromName", "Unsaved name")).then()
                .statusCode(200)
                .body("status", equalTo("SENT"))
                .body("recipient", equalTo("owner-test@users.test"))
                .body("smtp.code", equalTo(250));

        List<MimeMessage> received = other.received();
        assertEquals(1, received.size(), "exactly one message at the server of the request");
        assertEquals("owner-test@users.test", received.get(0).getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(received.get(0).getFrom()[0].toString().contains("Unsaved name"));
        assertEquals(0, saved.received().size(), "the saved server is not used");
        assertEquals(0, platform.getReceivedMessages().length, "never the platform's SMTP");

        owner.get(Api.integration(project, id)).then()
                .body("config.outboundMail.username", equalTo("saved"))
                .body("config.outboundMail.port", equalTo(saved.port()))
                .body("config.outboundMail.profileVersion", equalTo(1));
        SendMailRequested test = kafka.records(Topics.MAIL_REQUESTS).stream()
                .map(r -> EventCodec.decode(r.value(), SendMailRequested.class))
                .filter(r -> r.profileRef().equals("integration:" + id)).findFirst().orElseThrow();
        assertEquals("SMTP_TEST", test.purpose().name());
        assertTrue(test.expiresAt().isAfter(test.requestedAt()));
        assertTrue(!test.expiresAt().isAfter(test.requestedAt().plusSeconds(60)));
    }

    @Test
    void anAbsentPasswordUsesTheStoredOneOnlyWithItsOwnServer() {
        Api owner = Api.as("owner-stored");
        String project = owner.project("Stored");
        String id = owner.integration(project, "CONTACT_FORM", "Contact").get("id");
        owner.saveOutboundMail(project, id, saved.settings()).then().statusCode(200);

        owner.testOutboundMail(project, id, without(saved.settings(), "password")).then().statusCode(200)
                .body("status", equalTo("SENT"));
        assertEquals(1, saved.received().size());

        owner.testOutboundMail(project, id, with(without(saved.settings(), "password"), "port", other.port()))
                .then().statusCode(422).body("code", equalTo("SMTP_PASSWORD_REQUIRED"));
        owner.testOutboundMail(project, id, with(without(saved.settings(), "password"), "username", "other"))
                .then().statusCode(422).body("code", equalTo("SMTP_PASSWORD_REQUIRED"));
        assertEquals(0, other.received().size(), "the stored password never went to another server");
    }

    @Test
    void aWrongPasswordAnswers502WithTheDispatchCode() {
        Api owner = Api.as("owner-wrong");
        String project = owner.project("Wrong");
        String id = owner.integration(project, "MARKET", "Market").get("id");
        owner.testOutboundMail(project, id, with(other.settings(), "password", "wrong-password")).then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("SMTP_AUTH_FAILED"));
        assertEquals(0, other.received().size());
        owner.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue());
    }

    @Test
    void noAnswerFromDispatchInTimeIs504() throws Exception {
        Api owner = Api.as("owner-timeout");
        String project = owner.project("Timeout");
        String id = owner.integration(project, "FORM", "Form").get("id");
        try (TenantSmtp late = new TenantSmtp("late"); FrozenBroker frozen = FrozenBroker.freeze()) {
            owner.testOutboundMail(project, id, late.settings()).then().statusCode(504)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SMTP_TEST_TIMEOUT"));
        }
        owner.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue());
    }

    @Test
    void missingSettingsAndAnUnreadableStoredPasswordAnswerTheCodesOfferGeneratorAnswers() {
        Api owner = Api.as("owner-codes");
        String project = owner.project("Codes");
        String id = owner.integration(project, "FORM", "Form").get("id");
        String route = Api.integration(project, id) + "/outbound-mail/test";
        owner.post(route, Map.of()).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("SMTP_SETTINGS_REQUIRED")).body("errors[0].field", equalTo("outboundMail"));
        owner.post(route, Map.of("outboundMail", "127.0.0.1")).then().statusCode(422)
                .body("code", equalTo("FIELD_NOT_OBJECT")).body("errors[0].field", equalTo("outboundMail"));

        owner.saveOutboundMail(project, id, saved.settings()).then().statusCode(200);
        // sealed under a key that is no longer configured: nothing can open it, nothing is sent
        Database.update("update outbound_mail set password_key_id = 'retired-key' where integration_id = ?",
                UUID.fromString(id));
        owner.testOutboundMail(project, id, without(saved.settings(), "password")).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("SMTP_PASSWORD_UNREADABLE"));
        assertEquals(0, saved.received().size());
    }

    @Test
    void aCallerWithoutAnEmailClaimIsTold() {
        Api owner = Api.asWithoutEmail("owner-noemail");
        String project = owner.project("No email");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.testOutboundMail(project, id, other.settings()).then().statusCode(422)
                .body("code", equalTo("EMAIL_CLAIM_MISSING"));
    }

    @Test
    void testsAreLimitedPerUserCountedBeforeAnyWorkAndEveryAttemptIsAudited() {
        Api owner = Api.as("owner-limit");
        String project = owner.project("Limit");
        String id = owner.integration(project, "FORM", "Form").get("id");
        owner.saveOutboundMail(project, id, saved.settings()).then().statusCode(200);
        owner.testOutboundMail(project, id, with(other.settings(), "fromName", "Changed")).then().statusCode(200);
        owner.testOutboundMail(project, id, with(other.settings(), "password", "wrong-password")).then()
                .statusCode(502).body("code", equalTo("SMTP_AUTH_FAILED"));
        // invalid tests count too: the limit is checked before any work (10 an hour per user by default)
        for (int i = 0; i < 8; i++) {
            owner.testOutboundMail(project, id, with(other.settings(), "host", "")).then().statusCode(422);
        }
        owner.testOutboundMail(project, id, other.settings()).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesRegex("[1-9][0-9]*"))
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", org.hamcrest.Matchers.containsString("smtp-test-user"));
        assertEquals(1, other.received().size(), "only the one test that was sent");

        Api.record(owner.request().get(Api.integration(project, id) + "/outbound-mail/audit")).then().statusCode(200)
                .body("size()", equalTo(11))
                .body("findAll { it.action == 'TESTED' }.size()", equalTo(10))
                .body("findAll { it.outcome == 'SENT' }.size()", equalTo(1))
                .body("findAll { it.outcome == 'SMTP_AUTH_FAILED' }.size()", equalTo(1))
                .body("findAll { it.outcome == 'SMTP_HOST_REQUIRED' }.size()", equalTo(8))
                .body("find { it.outcome == 'SENT' }.changedFields", org.hamcrest.Matchers.contains("port",
                        "username", "password", "fromAddress", "fromName", "replyTo"))
                .body("find { it.outcome == 'SENT' }.clientAddress", equalTo("127.0.0.1"))
                .body("find { it.outcome == 'SENT' }.actorEmail", equalTo("owner-limit@users.test"));
    }
}
