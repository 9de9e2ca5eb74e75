package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

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

/**
 * Public submissions and subscriptions, *Create reply* and the welcome mail, end to end: outbox → Kafka →
 * mail-dispatch-service → the integration's own GreenMail, and the status coming back from mailoo.mail-results.v1.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class MailFlowTest {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(40);

    @PlatformSmtp
    GreenMail platform;

    private static KafkaTestClient kafka;
    private static TenantSmtp shop;
    private static TenantSmtp neighbour;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS);
        shop = new TenantSmtp("shop");
        neighbour = new TenantSmtp("neighbour");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .passwords(List.of(shop.password, neighbour.password)).responses(Api.allBodies())
                    .records(kafka.records(Topics.MAIL_REQUESTS)).assertNoneLeaked();
        } finally {
            kafka.close();
            shop.close();
            neighbour.close();
        }
    }

    @Test
    void createReplyWithoutSmtpIs409AndQueuesNothing() {
        Api owner = Api.as("owner-409");
        String project = owner.project("No SMTP");
        Map<String, String> form = owner.integration(project, "CONTACT_FORM", "Contact");
        String message = submit(form.get("publicKey"), "visitor@example.test", "Visitor");

        owner.post(replies(project, form.get("id"), message), Map.of("subject", "Re: hello", "text", "Thanks"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("OUTBOUND_MAIL_NOT_CONFIGURED"));
        owner.get(replies(project, form.get("id"), message)).then().statusCode(200).body("size()", equalTo(0));
        assertEquals(List.of("0"), Database.column("select count(*) from outbox_event where topic = ? and "
                + "message_key = ?", Topics.MAIL_REQUESTS, "integration:" + form.get("id")));
    }

    @Test
    void aReplyGoesThroughTheIntegrationsOwnServerOnlyAndBecomesSent() throws Exception {
        Api owner = Api.as("owner-reply");
        String project = owner.project("Replies");
        Map<String, String> form = owner.integration(project, "FORM", "Form");
        Map<String, String> otherForm = owner.integration(project, "FORM", "Other form");
        owner.saveOutboundMail(project, form.get("id"), shop.settings()).then().statusCode(200);
        owner.saveOutboundMail(project, otherForm.get("id"), neighbour.settings()).then().statusCode(200);
        owner.addMember(project, "member-reply");
        String message = submit(form.get("publicKey"), "buyer@example.test", "Buyer");
        owner.get("/api/v1/projects/" + project + "/integrations/" + form.get("id") + "/messages").then()
                .statusCode(200).body("[0].email", equalTo("buyer@example.test"));

        String replyId = Api.as("member-reply").post(replies(project, form.get("id"), message),
                Map.of("subject", "Re: your question", "text", "Here is the answer."))
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("replyId");

        await().atMost(MAIL_TIMEOUT).until(() -> shop.received().size() == 1);
        MimeMessage mail = shop.received().get(0);
        assertEquals("buyer@example.test", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("Re: your question", mail.getSubject());
        assertTrue(GreenMailUtil.getBody(mail).contains("Here is the answer."));
        assertTrue(mail.getFrom()[0].toString().contains("hello@shop.test"));
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(replies(project, form.get("id"), message))
                .then().body("[0].replyId", equalTo(replyId)).body("[0].status", equalTo("SENT")));
        assertTrue(neighbour.received().stream().noneMatch(m -> to(m, "buyer@example.test")),
                "not another integration's server");
        assertEquals(0, platform.getReceivedMessages().length, "not the platform's server");

        SendMailRequested request = kafka.records(Topics.MAIL_REQUESTS).stream()
                .map(r -> EventCodec.decode(r.value(), SendMailRequested.class))
                .filter(r -> r.messageId().equals(UUID.fromString(replyId))).findFirst().orElseThrow();
        assertEquals("INBOUND_REPLY", request.purpose().name());
        assertEquals("integration:" + form.get("id"), request.profileRef());
        assertEquals(1, request.minProfileVersion());
        assertEquals(List.of("buyer@example.test"), request.to());
    }

    @Test
    void aReplyCreatedWhileKafkaIsDownIsAcceptedAndSentWhenKafkaReturns() throws Exception {
        Api owner = Api.as("owner-outage");
        String project = owner.project("Outage");
        Map<String, String> form = owner.integration(project, "CONTACT_FORM", "Contact");
        owner.saveOutboundMail(project, form.get("id"), shop.settings()).then().statusCode(200);
        String message = submit(form.get("publicKey"), "outage@example.test", "Outage");
        await().atMost(MAIL_TIMEOUT).until(() -> Database.column(
                "select count(*) from outbox_event where published_at is null").equals(List.of("0")));

        String replyId;
        try (FrozenBroker frozen = FrozenBroker.freeze()) {
            replyId = owner.post(replies(project, form.get("id"), message),
                    Map.of("subject", "Re: outage", "text", "Sent after the outage."))
                    .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("replyId");
            assertEquals(List.of("1"), Database.column("select count(*) from outbox_event where published_at is "
                    + "null and message_key = ?", "integration:" + form.get("id")), "kept in the outbox");
            // Thaw only once the relay has tried to publish and given up on this attempt: a real outage, not a blip.
            long retriesBefore = relayRetries();
            await().atMost(Duration.ofSeconds(60)).until(() -> relayRetries() > retriesBefore);
            assertEquals(List.of("1"), Database.column("select count(*) from outbox_event where published_at is "
                    + "null and message_key = ?", "integration:" + form.get("id")), "still in the outbox");
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> shop.received().stream().anyMatch(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals("outage@example.test");
            } catch (Exception e) {
                return false;
            }
        }));
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(replies(project, form.get("id"), message))
                .then().body("[0].replyId", equalTo(replyId)).body("[0].status", equalTo("SENT")));
    }

    @Test
    void aSubscriberOfAFormWithAnActiveCampaignGetsTheRenderedEscapedWelcome() throws Exception {
        Api owner = Api.as("owner-welcome");
        String project = owner.project("Welcome");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.saveOutboundMail(project, form.get("id"), neighbour.settings()).then().statusCode(200);
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Welcome, {name}!",
                "bodyTemplate", "<p>Hello {name}, thanks for joining ({fields.plan}).</p>", "active", true))
                .then().statusCode(201);

        given().contentType("application/json").body(Map.of("email", "ann@example.test", "name", "Ann <b>",
                "fields", Map.of("plan", "gold"))).post(Api.subscriptions(form.get("publicKey"))).then()
                .statusCode(201);

        await().atMost(MAIL_TIMEOUT).until(() -> neighbour.received().stream().anyMatch(this::toAnn));
        MimeMessage mail = neighbour.received().stream().filter(this::toAnn).findFirst().orElseThrow();
        assertEquals("Welcome, Ann <b>!", mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Hello Ann &lt;b&gt;, thanks for joining (gold)."), body);
        assertFalse(body.contains("Ann <b>"), "the name is escaped in HTML");
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(Api.subscribers(project, form.get("id"))).then()
                .body("[0].email", equalTo("ann@example.test")).body("[0].welcomeStatus", equalTo("SENT")));
    }

    @Test
    void aWelcomeRendersOnlyThePlaceholdersAndCarriesNoConfigurationValue() throws Exception {
        Api owner = Api.as("owner-sandbox-mail");
        String project = owner.project("Sandboxed welcome");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.saveOutboundMail(project, form.get("id"), neighbour.settings()).then().statusCode(200);
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Leak", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "k={config:['mailoo.crypto.key']}",
                "bodyTemplate", "{config:MAIL_SMTP_ENCRYPTION_KEY} {config:['quarkus.datasource.password']}"))
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", org.hamcrest.Matchers.contains("subject", "bodyTemplate"))
                .body("errors.code", org.hamcrest.Matchers.everyItem(equalTo("TEMPLATE_INVALID")));
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Welcome {fields.nick} \\{team\\}",
                "bodyTemplate", "<p>{name} ({email}) chose {fields.plan}{fields.absent}. \\{config:x\\}</p>"))
                .then().statusCode(201);

        given().contentType("application/json").body(Map.of("email", "dora@example.test", "name", "Dora",
                "fields", Map.of("plan", "<gold>", "nick", "Dora\r\nBcc: x")))
                .post(Api.subscriptions(form.get("publicKey"))).then().statusCode(201);

        await().atMost(MAIL_TIMEOUT).until(() -> neighbour.received().stream()
                .anyMatch(m -> to(m, "dora@example.test")));
        MimeMessage mail = neighbour.received().stream().filter(m -> to(m, "dora@example.test")).findFirst()
                .orElseThrow();
        assertTrue(mail.getSubject().startsWith("Welcome Dora") && mail.getSubject().endsWith("Bcc: x {team}"),
                mail.getSubject());
        assertEquals(null, mail.getHeader("Bcc"), "no header from a value");
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Dora") && body.contains("(dora@example.test) chose &lt;gold&gt;. {config:x}"),
                body);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String raw = GreenMailUtil.getWholeMessage(mail);
        for (String secret : List.of(config.getValue("mailoo.crypto.key", String.class),
                io.mailoo.testsupport.TestKeys.ENCRYPTION_KEY)) {
            assertFalse(raw.contains(secret), "no configuration value in the mail");
        }
    }

    @Test
    void aRepeatedSubscriptionIsTheSameSubscriberWithOneWelcomeAndTheFirstName() throws Exception {
        Api owner = Api.as("owner-repeat");
        String project = owner.project("Repeat");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.saveOutboundMail(project, form.get("id"), neighbour.settings()).then().statusCode(200);
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Hi {name}", "bodyTemplate", "<p>Hi {name}</p>"))
                .then().statusCode(201);

        // eight at once, as a flood would come: the unique index decides, every answer names the one subscriber
        List<java.util.concurrent.CompletableFuture<String>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = i % 2 == 0 ? "eve@example.test" : "EVE@Example.test";
            String name = "Eve " + i;
            posts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> given()
                    .contentType("application/json").body(Map.of("email", email, "name", name))
                    .post(Api.subscriptions(form.get("publicKey"))).then().statusCode(201).extract().path("id")));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var post : posts) {
            ids.add(post.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(1, ids.size(), "one subscriber: " + ids);
        String id = ids.iterator().next();
        String storedName = owner.get(Api.subscribers(project, form.get("id"))).then().body("size()", equalTo(1))
                .extract().path("[0].name");

        given().contentType("application/json").body(Map.of("email", "eve@example.test", "name", "Mallory"))
                .post(Api.subscriptions(form.get("publicKey"))).then().statusCode(201).body("id", equalTo(id));
        owner.get(Api.subscribers(project, form.get("id"))).then().body("size()", equalTo(1))
                .body("[0].name", equalTo(storedName));

        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> owner.get(Api.subscribers(project, form.get("id"))).then()
                .body("[0].welcomeStatus", equalTo("SENT")));
        assertEquals(1, neighbour.received().stream().filter(m -> to(m, "eve@example.test")).count(),
                "one welcome for the address");
        assertEquals(List.of("1"), Database.column("select count(*) from outbox_event where topic = ? and "
                + "message_key = ?", Topics.MAIL_REQUESTS, "integration:" + form.get("id")));
    }

    @Test
    void welcomeMailIsCappedPerRecipientAcrossIntegrations() throws Exception {
        Api owner = Api.as("owner-cap");
        String project = owner.project("Cap");
        List<String> states = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, String> form = owner.integration(project, "FORM", "Form " + i);
            owner.saveOutboundMail(project, form.get("id"), neighbour.settings()).then().statusCode(200);
            owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                    "event", "SUBSCRIBER_CREATED", "subject", "Hi", "bodyTemplate", "<p>Hi</p>"))
                    .then().statusCode(201);
            given().contentType("application/json").body(Map.of("email", "Fred@example.test"))
                    .post(Api.subscriptions(form.get("publicKey"))).then().statusCode(201);
            states.add(owner.get(Api.subscribers(project, form.get("id"))).then().extract().path("[0].welcomeStatus"));
        }
        assertEquals(List.of("QUEUED", "QUEUED", "QUEUED", "SKIPPED_RATE_LIMITED"),
                states.stream().map(s -> s.equals("SENT") || s.equals("DEFERRED") ? "QUEUED" : s).toList());
        await().atMost(MAIL_TIMEOUT).until(() -> neighbour.received().stream()
                .filter(m -> to(m, "fred@example.test")).count() == 3);
        String log = Files.readString(SecretLeakCheck.testLog("integration"), StandardCharsets.UTF_8);
        assertTrue(log.contains("public-triggered mail allowed"), "the skip is logged");
    }

    @Test
    void aWelcomeThatWouldBeTooLargeFailsAndIsRecorded() {
        Api owner = Api.as("owner-large");
        String project = owner.project("Large");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.saveOutboundMail(project, form.get("id"), neighbour.settings()).then().statusCode(200);
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Hi", "bodyTemplate", "{fields.a}".repeat(9_000)))
                .then().statusCode(201);
        given().contentType("application/json").body(Map.of("email", "gus@example.test",
                "fields", Map.of("a", "x".repeat(9_000)))).post(Api.subscriptions(form.get("publicKey"))).then()
                .statusCode(201);
        owner.get(Api.subscribers(project, form.get("id"))).then().body("[0].welcomeStatus", equalTo("FAILED"))
                .body("[0].welcomeErrorCode", equalTo("TEMPLATE_OUTPUT_TOO_LARGE"));
        assertEquals(List.of("0"), Database.column("select count(*) from outbox_event where topic = ? and "
                + "message_key = ?", Topics.MAIL_REQUESTS, "integration:" + form.get("id")), "nothing queued");
    }

    @Test
    void withoutSmtpTheWelcomeIsSkippedLoggedAndVisible() throws Exception {
        Api owner = Api.as("owner-skip");
        String project = owner.project("Skip");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Welcome", "bodyTemplate", "<p>Hi {name}</p>"))
                .then().statusCode(201);
        long outboxBefore = Long.parseLong(Database.column("select count(*) from outbox_event where topic = ?",
                Topics.MAIL_REQUESTS).get(0));

        given().contentType("application/json").body(Map.of("email", "bob@example.test", "name", "Bob"))
                .post(Api.subscriptions(form.get("publicKey"))).then().statusCode(201);

        owner.get(Api.subscribers(project, form.get("id"))).then()
                .body("[0].welcomeStatus", equalTo("NOT_CONFIGURED"));
        assertEquals(outboxBefore, Long.parseLong(Database.column(
                "select count(*) from outbox_event where topic = ?", Topics.MAIL_REQUESTS).get(0)),
                "nothing was queued for sending");
        assertFalse(kafka.records(Topics.MAIL_REQUESTS).stream()
                .anyMatch(r -> r.key().equals("integration:" + form.get("id"))));
        String log = Files.readString(SecretLeakCheck.testLog("integration"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Welcome mail skipped") && log.contains(form.get("id")), "logged with the id");

        Map<String, String> noCampaign = owner.integration(project, "FORM", "Plain");
        given().contentType("application/json").body(Map.of("email", "carl@example.test"))
                .post(Api.subscriptions(noCampaign.get("publicKey"))).then().statusCode(201);
        owner.get(Api.subscribers(project, noCampaign.get("id"))).then().body("[0].welcomeStatus", equalTo("NONE"));
    }

    @Test
    void publicPostsAreCheckedAndLimitedPerKey() {
        Api owner = Api.as("owner-public");
        String project = owner.project("Public");
        Map<String, String> contact = owner.integration(project, "CONTACT_FORM", "Contact");
        Map<String, String> hook = owner.integration(project, "WEBHOOK", "Hook");
        given().contentType("application/json").body(Map.of("email", "not-an-address"))
                .post(submissions(contact.get("publicKey"))).then().statusCode(422)
                .body("code", equalTo("EMAIL_INVALID"));
        given().contentType("application/json").body(Map.of("email", "x@example.test", "name", "a\r\nBcc: y"))
                .post(submissions(contact.get("publicKey"))).then().statusCode(422)
                .body("code", equalTo("NAME_INVALID"));
        given().contentType("application/json").body(Map.of("email", "x@example.test", "message", "x".repeat(10_001)))
                .post(submissions(contact.get("publicKey"))).then().statusCode(422)
                .body("code", equalTo("MESSAGE_TOO_LONG"));
        given().contentType("application/json").body(Map.of("email", "x@example.test"))
                .post(submissions("pk_unknown")).then().statusCode(404).body("code", equalTo("FORM_NOT_FOUND"));
        given().contentType("application/json").body(Map.of("email", "x@example.test"))
                .post(submissions(hook.get("publicKey"))).then().statusCode(422)
                .body("code", equalTo("SUBMISSIONS_NOT_SUPPORTED"));
        given().contentType("application/json").body(Map.of("email", "x@example.test"))
                .post(Api.subscriptions(contact.get("publicKey"))).then().statusCode(422)
                .body("code", equalTo("SUBSCRIPTIONS_NOT_SUPPORTED"));
        owner.post(Api.campaigns(project, contact.get("id")), Map.of("name", "W", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "W", "bodyTemplate", "x")).then().statusCode(422)
                .body("code", equalTo("CAMPAIGNS_NOT_SUPPORTED"));

        // 4 posts above count too (the key resolved, then the limit is checked first): 26 more reach the 30 a
        // minute. The window slides, so a run across a minute boundary may get a few more through, never many.
        int accepted = 0;
        io.restassured.response.Response last = null;
        while (accepted < 40) {
            last = given().contentType("application/json").body(Map.of("email", "x" + accepted + "@example.test"))
                    .post(submissions(contact.get("publicKey")));
            if (last.statusCode() != 201) {
                break;
            }
            accepted++;
        }
        last.then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", org.hamcrest.Matchers.matchesRegex("[1-9][0-9]*"));
        assertTrue(accepted >= 26 && accepted <= 34, "accepted " + accepted);
        owner.get("/api/v1/projects/" + project + "/integrations/" + contact.get("id") + "/messages").then()
                .body("size()", equalTo(accepted));
    }

    @Test
    void campaignTemplatesThatDoNotRenderAreRefused() {
        Api owner = Api.as("owner-template");
        String project = owner.project("Templates");
        Map<String, String> form = owner.integration(project, "FORM", "Form");
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "W", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Hi", "bodyTemplate", "{#if name}unclosed"))
                .then().statusCode(422).body("errors.code", org.hamcrest.Matchers.hasItem("TEMPLATE_INVALID"));
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "W", "trigger", "ON_SCHEDULE",
                "event", "SUBSCRIBER_CREATED", "subject", "Hi", "bodyTemplate", "ok"))
                .then().statusCode(422).body("code", equalTo("CAMPAIGN_TRIGGER_INVALID"));
        Api.as("stranger-template").post(Api.campaigns(project, form.get("id")), Map.of("name", "W")).then()
                .statusCode(404);
    }

    private static long relayRetries() throws java.io.IOException {
        return Files.readAllLines(SecretLeakCheck.testLog("integration"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("Outbox relay will retry")).count();
    }

    private static boolean to(MimeMessage m, String address) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean toAnn(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString().equals("ann@example.test");
        } catch (Exception e) {
            return false;
        }
    }

    private static String submit(String publicKey, String email, String name) {
        return given().contentType("application/json")
                .body(Map.of("email", email, "name", name, "message", "Hello, a question.",
                        "fields", Map.of("topic", "orders")))
                .post(submissions(publicKey)).then().statusCode(201).extract().path("id");
    }

    private static String submissions(String publicKey) {
        return "/api/v1/public/forms/" + publicKey + "/submissions";
    }

    private static String replies(String project, String integration, String message) {
        return Api.integration(project, integration) + "/messages/" + message + "/replies";
    }

}
