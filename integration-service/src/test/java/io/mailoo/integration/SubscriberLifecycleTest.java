package io.mailoo.integration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.integration.service.links.LinkKeys;
import io.mailoo.integration.service.links.LinkPurpose;
import io.mailoo.integration.service.links.LinkTokens;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.ServiceLog;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The subscriber lifecycle of FORM integrations through the real pieces (outbox → Kafka → the packaged dispatcher →
 * the integration's own GreenMail, results back): RFC 8058 List-Unsubscribe on welcome and confirmation mail, the
 * public one-click POST without cookies, the GET page that changes nothing, refused tokens, double opt-in with the
 * welcome after the confirmation, expiry of unconfirmed subscribers, and SKIPPED_UNSUBSCRIBED.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class SubscriberLifecycleTest {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(40);
    private static final ServiceLog SERVICE_LOG = new ServiceLog(java.nio.file.Path.of("target",
            "integration-test.log"));
    private static final String RESULT_FAILED = "Applying the mail result at offset";
    private static final String SECOND_ATTEMPT = "failed (attempt 2 of 9)";
    /** PUBLIC_BASE_URL's default: links name the gateway, the test calls the service behind it by path. */
    private static final String BASE = "http://127.0.0.1:8080";
    private static final Pattern CONFIRM_LINK = Pattern
            .compile(Pattern.quote(BASE) + "(/api/v1/public/subscriptions/confirm/[A-Za-z0-9._-]+)");
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @PlatformSmtp
    GreenMail platform;

    private static KafkaTestClient kafka;
    private static TenantSmtp smtp;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_REQUESTS);
        smtp = new TenantSmtp("lists");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("integration"), "integration-service")
                    .passwords(List.of(smtp.password)).responses(Api.allBodies())
                    .records(kafka.records(Topics.MAIL_REQUESTS)).assertNoneLeaked();
        } finally {
            kafka.close();
            smtp.close();
        }
    }

    @Test
    void theWelcomeCarriesOneClickUnsubscribeAndAPostWithoutCookiesUnsubscribesOnce() throws Exception {
        Form form = form("owner-unsub", false);
        String id = subscribe(form, "reader@example.test");
        MimeMessage welcome = awaitMail("reader@example.test", 1).get(0);
        assertEquals("Welcome!", welcome.getSubject());
        String unsubscribe = unsubscribePath(welcome);
        assertEquals(ONE_CLICK, welcome.getHeader("List-Unsubscribe-Post")[0]);
        assertTrue(TenantSmtp.content(welcome).contains(BASE + unsubscribe), "the link is in the body too");

        // a GET (what link scanners do) shows one button and changes nothing
        given().get(unsubscribe).then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", "no-referrer").body(containsString("<form method=\"post\">"))
                .body(containsString("reader@example.test")).body(containsString("Newsletter"));
        subscriber(form, id).then().body("status", equalTo("SUBSCRIBED")).body("unsubscribedAt", nullValue());

        // the mail client's RFC 8058 POST: form-encoded body, no cookies, no session
        oneClick(unsubscribe).then().statusCode(200).body("status", equalTo("UNSUBSCRIBED"));
        subscriber(form, id).then().body("status", equalTo("UNSUBSCRIBED")).body("unsubscribedAt", notNullValue());
        // the welcome's SENT result comes back through Kafka a moment after the mail reached the server
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(subscriber(form, id).path("welcomeStatus")));
        Object when = subscriber(form, id).path("unsubscribedAt");
        oneClick(unsubscribe).then().statusCode(200).body("status", equalTo("UNSUBSCRIBED"));
        subscriber(form, id).then().body("unsubscribedAt", equalTo(when));
        given().get(unsubscribe).then().statusCode(200).body(containsString("You are unsubscribed"))
                .body(not(containsString("<form")));

        // the address subscribing again is the same subscriber: still unsubscribed, nothing sent
        assertEquals(id, subscribe(form, "Reader@Example.test"));
        subscriber(form, id).then().body("status", equalTo("UNSUBSCRIBED"));
        assertEquals(1, requestsTo("reader@example.test").size(), "no second mail was asked for");
    }

    @Test
    void changedCutAndWrongPurposeTokensAreRefusedAndChangeNothing() throws Exception {
        Form form = form("owner-tamper", true);
        String id = subscribe(form, "tamper@example.test");
        MimeMessage confirmation = awaitMail("tamper@example.test", 1).get(0);
        String unsubscribe = unsubscribePath(confirmation);
        String confirm = confirmPath(confirmation);
        String unsubscribeToken = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1);
        String confirmToken = confirm.substring(confirm.lastIndexOf('/') + 1);

        List<String> refused = List.of(
                flipped(unsubscribe, unsubscribe.length() - 1), // a changed MAC
                flipped(unsubscribe, unsubscribe.lastIndexOf('/') + 4), // a changed subscriber id
                unsubscribe.substring(0, unsubscribe.length() - 5),
                "/api/v1/public/subscriptions/unsubscribe/" + confirmToken, // a confirmation token to unsubscribe
                "/api/v1/public/subscriptions/confirm/" + unsubscribeToken, // and the other way round
                "/api/v1/public/subscriptions/unsubscribe/not-a-token");
        for (String path : refused) {
            oneClick(path).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("SUBSCRIPTION_LINK_INVALID"));
            given().accept("text/html").get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .body(containsString("This link does not work")).body(not(containsString("<form")));
        }
        // a button press of a person (Accept: text/html) gets a page, not problem+json
        given().accept("text/html").contentType("application/x-www-form-urlencoded").body(ONE_CLICK)
                .post(refused.get(0)).then().statusCode(404).contentType(containsString("text/html"));
        subscriber(form, id).then().body("status", equalTo("PENDING_CONFIRMATION")).body("unsubscribedAt", nullValue());
    }

    @Test
    void withDoubleOptInTheConfirmationGoesFirstAndTheWelcomeFollowsTheConfirmationOnce() throws Exception {
        Form form = form("owner-doi", true);
        String id = subscribe(form, "optin@example.test");
        MimeMessage confirmation = awaitMail("optin@example.test", 1).get(0);
        assertEquals("Please confirm your subscription to Newsletter", confirmation.getSubject());
        assertTrue(confirmation.getFrom()[0].toString().contains("hello@lists.test"), "the integration's own SMTP");
        assertEquals(0, platform.getReceivedMessages().length, "never the platform's server");
        SendMailRequested request = requestsTo("optin@example.test").get(0);
        assertEquals(MailPurpose.SUBSCRIPTION_CONFIRMATION, request.purpose());
        assertEquals("integration:" + form.id, request.profileRef());
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> subscriber(form, id).then()
                .body("status", equalTo("PENDING_CONFIRMATION")).body("confirmationStatus", equalTo("SENT"))
                .body("welcomeStatus", equalTo("NONE")).body("confirmBy", notNullValue()));

        String confirm = confirmPath(confirmation);
        given().get(confirm).then().statusCode(200).body(containsString("<form method=\"post\">"))
                .body(containsString("optin@example.test"));
        subscriber(form, id).then().body("status", equalTo("PENDING_CONFIRMATION"));
        assertEquals(1, smtp.to("optin@example.test").size(), "no welcome before the confirmation");

        // the button (a browser: Accept text/html) confirms and gets a page
        given().accept("text/html").contentType("application/x-www-form-urlencoded").body(ONE_CLICK).post(confirm)
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Subscription confirmed"));
        List<MimeMessage> mails = awaitMail("optin@example.test", 2);
        MimeMessage welcome = mails.stream().filter(m -> subject(m).equals("Welcome!")).findFirst().orElseThrow();
        assertEquals(unsubscribePath(confirmation), unsubscribePath(welcome), "one unsubscribe link per subscriber");
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> subscriber(form, id).then()
                .body("status", equalTo("SUBSCRIBED")).body("confirmedAt", notNullValue())
                .body("confirmBy", nullValue()).body("welcomeStatus", equalTo("SENT")));

        // confirming again (a second click, a scanner replaying the POST) sends nothing more
        given().post(confirm).then().statusCode(200).body("status", equalTo("SUBSCRIBED"));
        assertEquals(2, requestsTo("optin@example.test").size());
    }

    @Test
    void unsubscribingBeforeConfirmingSkipsTheWelcomeAndTheConfirmationNoLongerWorks() throws Exception {
        Form form = form("owner-skip", true);
        String id = subscribe(form, "notme@example.test");
        MimeMessage confirmation = awaitMail("notme@example.test", 1).get(0);

        oneClick(unsubscribePath(confirmation)).then().statusCode(200).body("status", equalTo("UNSUBSCRIBED"));
        subscriber(form, id).then().body("status", equalTo("UNSUBSCRIBED"))
                .body("welcomeStatus", equalTo("SKIPPED_UNSUBSCRIBED")).body("confirmBy", nullValue());

        String confirm = confirmPath(confirmation);
        given().post(confirm).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("SUBSCRIBER_UNSUBSCRIBED"));
        given().get(confirm).then().statusCode(409).contentType(containsString("text/html"));
        subscriber(form, id).then().body("status", equalTo("UNSUBSCRIBED"))
                .body("welcomeStatus", equalTo("SKIPPED_UNSUBSCRIBED"));
        // whoever subscribed the address cannot make it ask again
        assertEquals(id, subscribe(form, "notme@example.test"));
        assertEquals(1, requestsTo("notme@example.test").size(), "no welcome, no second confirmation");
        assertEquals(1, smtp.to("notme@example.test").size(), "only the confirmation reached the server");
    }

    @Test
    void anUnconfirmedSubscriberExpiresAndAnExpiredLinkChangesNothing() throws Exception {
        Form form = form("owner-expiry", true);
        String id = subscribe(form, "late@example.test");
        MimeMessage confirmation = awaitMail("late@example.test", 1).get(0);
        String confirm = confirmPath(confirmation);

        // a correctly signed token past its time is refused as expired
        LinkKeys keys = LinkKeys.of(null, null, TestKeys.ENCRYPTION_KEY, null);
        String stale = LinkTokens.sign(keys, LinkPurpose.CONFIRM, UUID.fromString(id), Instant.now().minusSeconds(5));
        given().post("/api/v1/public/subscriptions/confirm/" + stale).then().statusCode(410)
                .contentType("application/problem+json").body("code", equalTo("SUBSCRIPTION_LINK_EXPIRED"));
        given().get("/api/v1/public/subscriptions/confirm/" + stale).then().statusCode(410)
                .contentType(containsString("text/html")).body(containsString("expired"));
        subscriber(form, id).then().body("status", equalTo("PENDING_CONFIRMATION"));

        // the window passes (SUBSCRIPTION_CONFIRMATION_WINDOW): the mailed link no longer confirms, the row goes
        Database.update("update subscriber set confirm_by = now() - interval '1 second' where id = ?",
                UUID.fromString(id));
        given().post(confirm).then().statusCode(410).body("code", equalTo("SUBSCRIPTION_LINK_EXPIRED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Database
                .column("select count(*) from subscriber where id = ?", UUID.fromString(id)).equals(List.of("0")));
        given().post(confirm).then().statusCode(410).body("code", equalTo("SUBSCRIPTION_LINK_EXPIRED"));

        // the address may subscribe again: a new subscriber with a new confirmation
        String again = subscribe(form, "late@example.test");
        assertNotEquals(id, again);
        awaitMail("late@example.test", 2);
        subscriber(form, again).then().body("status", equalTo("PENDING_CONFIRMATION"));
    }

    @Test
    void aMailResultAppliedWhileTheSubscriberChangesLeavesTheChangeInPlace() throws Exception {
        Form form = form("owner-race", true);
        String id = subscribe(form, "race@example.test");
        UUID subscriberId = UUID.fromString(id);
        UUID confirmationId = confirmationStillDeferred(form, id, "race@example.test");

        // another transaction confirms the subscriber and holds the row while the SENT result arrives; the result's
        // update waits for it and must then change its own columns only (before: a stale entity was written back)
        Database.updateCommittingAfter(() -> {
            sendConfirmationSent(form, confirmationId);
            await().atMost(MAIL_TIMEOUT).until(() -> !Database.column("select pid from pg_stat_activity where"
                    + " wait_event_type = 'Lock' and query ilike 'update subscriber%'").isEmpty());
        }, "update subscriber set status = 'SUBSCRIBED', confirmed_at = now(), confirm_by = null where id = ?",
                subscriberId);

        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> subscriber(form, id).then()
                .body("confirmationStatus", equalTo("SENT")));
        subscriber(form, id).then().body("status", equalTo("SUBSCRIBED")).body("confirmBy", nullValue())
                .body("confirmedAt", notNullValue());
    }

    /**
     * A result whose write fails (the table away: a database error that is no outage) is retried, not passed over:
     * before, one failed transaction left the confirmation at its old status for good.
     */
    @Test
    void aMailResultThatCannotBeWrittenIsRetriedUntilItIs() throws Exception {
        Form form = form("owner-retry", true);
        String id = subscribe(form, "retry@example.test");
        UUID subscriberId = UUID.fromString(id);
        UUID confirmationId = confirmationStillDeferred(form, id, "retry@example.test");
        long secondAttemptsBefore = SERVICE_LOG.count(RESULT_FAILED, SECOND_ATTEMPT);

        Database.update("alter table subscriber rename to subscriber_away");
        try {
            sendConfirmationSent(form, confirmationId);
            await("a second attempt").atMost(MAIL_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> SERVICE_LOG.count(RESULT_FAILED, SECOND_ATTEMPT) > secondAttemptsBefore);
        } finally {
            Database.update("alter table subscriber_away rename to subscriber");
        }

        await().atMost(MAIL_TIMEOUT).until(() -> "SENT".equals(Database
                .column("select confirmation_status from subscriber where id = ?", subscriberId).get(0)));
    }

    /**
     * Waits for the subscriber's confirmation to be SENT, then sets it back to DEFERRED — as if dispatch were still
     * retrying it, so that a result has something to change — and answers the confirmation's message id.
     */
    private UUID confirmationStillDeferred(Form form, String id, String address) throws Exception {
        awaitMail(address, 1);
        await().atMost(MAIL_TIMEOUT).untilAsserted(() -> subscriber(form, id).then()
                .body("confirmationStatus", equalTo("SENT")));
        UUID subscriberId = UUID.fromString(id);
        UUID confirmationId = UUID.fromString(Database
                .column("select confirmation_message_id from subscriber where id = ?", subscriberId).get(0));
        Database.update("update subscriber set confirmation_status = 'DEFERRED' where id = ?", subscriberId);
        return confirmationId;
    }

    /** A SENT result of the confirmation, as dispatch publishes it. */
    private static void sendConfirmationSent(Form form, UUID confirmationId) {
        MailDispatchResult sent = new MailDispatchResult(confirmationId, "integration:" + form.id(),
                MailPurpose.SUBSCRIPTION_CONFIRMATION,
                new MailSource("integration-service", "subscription-confirmation", confirmationId.toString()),
                MailStatus.SENT, 2, null, null, null, Instant.now());
        kafka.send(Topics.MAIL_RESULTS, sent.profileRef(), sent,
                Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, "integration-service"));
    }

    @Test
    void confirmationMailIsCappedPerRecipientLikeEveryPublicTriggeredMail() {
        Api owner = Api.as("owner-cap");
        String project = owner.project("Capped");
        String[] ids = new String[4];
        Form[] forms = new Form[4];
        for (int i = 0; i < 4; i++) {
            forms[i] = form(owner, project, true);
            ids[i] = subscribe(forms[i], "capped@example.test");
        }
        for (int i = 0; i < 3; i++) {
            Form f = forms[i];
            String id = ids[i];
            await().atMost(MAIL_TIMEOUT).untilAsserted(() -> subscriber(f, id).then()
                    .body("confirmationStatus", equalTo("SENT")));
        }
        subscriber(forms[3], ids[3]).then().body("status", equalTo("PENDING_CONFIRMATION"))
                .body("confirmationStatus", equalTo("SKIPPED_RATE_LIMITED"));
        assertEquals(3, requestsTo("capped@example.test").size());
    }

    @Test
    void onlyTheOwnerSwitchesDoubleOptInOnAFormAndBadBodiesChangeNothing() {
        Api owner = Api.as("owner-settings");
        String project = owner.project("Settings");
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        Map<String, String> contact = owner.integration(project, "CONTACT_FORM", "Contact");
        owner.addMember(project, "member-settings");
        String path = settings(project, form.get("id"));

        owner.get(Api.integration(project, form.get("id"))).then().statusCode(200)
                .body("config.subscriptions.doubleOptIn", equalTo(false));
        owner.get(Api.integration(project, contact.get("id"))).then().body("config.subscriptions", nullValue());
        Api.as("member-settings").put(path, Map.of("doubleOptIn", true)).then().statusCode(403)
                .body("code", equalTo("OWNER_REQUIRED"));
        Api.as("stranger-settings").put(path, Map.of("doubleOptIn", true)).then().statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        given().contentType("application/json").body(Map.of("doubleOptIn", true)).put(path).then().statusCode(401);
        owner.put(settings(project, contact.get("id")), Map.of("doubleOptIn", true)).then().statusCode(422)
                .body("code", equalTo("SUBSCRIPTIONS_NOT_SUPPORTED"));
        owner.put(path, Map.of("doubleOptIn", "yes")).then().statusCode(422)
                .body("errors[0].code", equalTo("FIELD_NOT_BOOLEAN")).body("errors[0].field", equalTo("doubleOptIn"));
        owner.put(path, Map.of()).then().statusCode(422).body("errors[0].code", equalTo("FIELD_NOT_BOOLEAN"));
        owner.put(path, Map.of("doubleOptIn", true, "doubleOptin", true)).then().statusCode(422)
                .body("errors[0].code", equalTo("FIELD_UNKNOWN")).body("errors[0].field", equalTo("doubleOptin"));
        owner.get(Api.integration(project, form.get("id"))).then()
                .body("config.subscriptions.doubleOptIn", equalTo(false));

        owner.put(path, Map.of("doubleOptIn", true)).then().statusCode(200)
                .body("config.subscriptions.doubleOptIn", equalTo(true));
        Api.as("member-settings").get(Api.integration(project, form.get("id"))).then()
                .body("config.subscriptions.doubleOptIn", equalTo(true));
        owner.put(path, Map.of("doubleOptIn", false)).then().statusCode(200)
                .body("config.subscriptions.doubleOptIn", equalTo(false));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Form(Api owner, String project, String id, String publicKey) {
    }

    /** A FORM with the tenant's SMTP and an active welcome campaign, double opt-in as given. */
    private Form form(String ownerId, boolean doubleOptIn) {
        Api owner = Api.as(ownerId);
        return form(owner, owner.project("Lists of " + ownerId), doubleOptIn);
    }

    private Form form(Api owner, String project, boolean doubleOptIn) {
        Map<String, String> form = owner.integration(project, "FORM", "Newsletter");
        owner.saveOutboundMail(project, form.get("id"), smtp.settings()).then().statusCode(200);
        owner.post(Api.campaigns(project, form.get("id")), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", "Welcome!", "bodyTemplate", "<p>Hello {name}.</p>"))
                .then().statusCode(201);
        owner.put(settings(project, form.get("id")), Map.of("doubleOptIn", doubleOptIn)).then().statusCode(200);
        return new Form(owner, project, form.get("id"), form.get("publicKey"));
    }

    private static String settings(String project, String integration) {
        return Api.integration(project, integration) + "/subscription-settings";
    }

    private static String subscribe(Form form, String email) {
        return given().contentType("application/json").body(Map.of("email", email, "name", "Reader"))
                .post(Api.subscriptions(form.publicKey)).then().statusCode(201).extract().path("id");
    }

    /** The subscriber as the owner's list shows it. */
    private static Listed subscriber(Form form, String id) {
        Response list = form.owner.get(Api.subscribers(form.project, form.id));
        list.then().statusCode(200);
        List<Map<String, Object>> all = list.jsonPath().getList("$");
        return new Listed(all.stream().filter(s -> id.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("subscriber " + id + " is not listed")));
    }

    /** One subscriber of the list, checked like a response. */
    private record Listed(Map<String, Object> fields) {

        Listed then() {
            return this;
        }

        @SuppressWarnings("unchecked")
        Listed body(String field, Matcher<?> matcher) {
            assertThat(field, fields.get(field), (Matcher<Object>) matcher);
            return this;
        }

        Object path(String field) {
            return fields.get(field);
        }
    }

    /** The RFC 8058 one-click request as a mail client sends it: no cookies, no session, a form-encoded body. */
    private static Response oneClick(String path) {
        return Api.record(given().contentType("application/x-www-form-urlencoded").body(ONE_CLICK).post(path));
    }

    private List<MimeMessage> awaitMail(String recipient, int count) {
        await().atMost(MAIL_TIMEOUT).until(() -> smtp.to(recipient).size() >= count);
        return smtp.to(recipient);
    }

    private List<SendMailRequested> requestsTo(String recipient) {
        return kafka.records(Topics.MAIL_REQUESTS).stream()
                .map(r -> EventCodec.decode(r.value(), SendMailRequested.class))
                .filter(r -> r.to().contains(recipient)).toList();
    }

    /** The path of the mail's List-Unsubscribe URL, which must be an https/http link to the public base URL. */
    private static String unsubscribePath(MimeMessage mail) throws Exception {
        String header = MimeUtility.unfold(mail.getHeader("List-Unsubscribe")[0]).strip();
        assertTrue(header.startsWith("<" + BASE + "/api/v1/public/subscriptions/unsubscribe/")
                && header.endsWith(">"), header);
        return header.substring(1 + BASE.length(), header.length() - 1);
    }

    private static String confirmPath(MimeMessage mail) throws Exception {
        java.util.regex.Matcher m = CONFIRM_LINK.matcher(TenantSmtp.content(mail));
        assertTrue(m.find(), "the confirmation mail has its link");
        return m.group(1);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path with one character changed. */
    private static String flipped(String path, int at) {
        return path.substring(0, at) + (path.charAt(at) == 'A' ? 'B' : 'A') + path.substring(at + 1);
    }
}
