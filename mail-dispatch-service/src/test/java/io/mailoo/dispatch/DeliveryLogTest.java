package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.dispatch.support.DeliveryLogClient;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The owners' delivery log through the real pieces: projects and profiles on the test broker, PostgreSQL, and a real
 * (scripted) SMTP server that defers or accepts. A deferral waits an hour here, so only "retry now" brings it back;
 * the profile grace is long, so a mail waiting for a newer profile version stays held in memory while it is
 * cancelled.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mailoo.dispatch.slow-retry-ladder", value = "1h"),
        @ResourceArg(name = "mailoo.dispatch.profile-grace", value = "PT30S") })
class DeliveryLogTest {

    private static final String DEFER = "451 4.3.0 Please try again later";

    static ResultsTopic results;

    @BeforeAll
    static void start() {
        results = new ResultsTopic();
    }

    @AfterAll
    static void stop() throws Exception {
        results.close();
    }

    private static ScriptedSmtpServer server() throws Exception {
        return new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> "250 2.0.0 Ok: queued as Q" + n);
    }

    private static MailDispatchResult awaitStatus(SendMailRequested mail, MailStatus status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> results.kafka().resultsFor(mail.messageId())
                .stream().filter(r -> r.status() == status).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void membersSeeEveryMailWithItsAttemptsNewestFirstFilteredAndPagedAndTheOwnerRetriesADeferredOne()
            throws Exception {
        try (ScriptedSmtpServer server = server()) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "shop");
            String ref = newRef();
            project.owns(server, ref, 1, "hello@shop.test");
            project.visible(ref);
            server.script(".", DEFER);
            SendMailRequested welcome = project.send(request(ref, 1, MailPurpose.WELCOME, "alice@customer.test",
                    "Welcome"));
            awaitStatus(welcome, MailStatus.DEFERRED);
            server.script(".", null);

            JsonPath deferred = project.as(project.member).get(project.log(ref) + "/messages/" + welcome.messageId())
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("DEFERRED", deferred.getString("status"));
            assertEquals("WELCOME", deferred.getString("purpose"));
            assertEquals(List.of("alice@customer.test"), deferred.getList("recipients"));
            assertEquals("SMTP_TEMPORARY_FAILURE", deferred.getString("errorCode"));
            assertEquals("The SMTP server answered with a temporary (4xx) failure.", deferred.getString("errorMessage"));
            assertEquals(451, deferred.getInt("smtp.code"));
            Instant next = Instant.parse(deferred.getString("nextAttemptAt"));
            assertTrue(next.isAfter(Instant.now().plus(Duration.ofMinutes(30))), "the slow ladder's hour: " + next);
            assertEquals(1, deferred.getList("attempts").size());
            assertEquals("DEFERRED", deferred.getString("attempts[0].status"));
            assertEquals(451, deferred.getInt("attempts[0].smtp.code"));
            assertEquals(deferred.getString("nextAttemptAt"), deferred.getString("attempts[0].nextAttemptAt"));

            // a member reads but does not act; the owner retries now and the poller sends at once, not in an hour
            project.as(project.member).post(project.log(ref) + "/messages/" + welcome.messageId() + "/retry")
                    .then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
            project.as(project.owner).post(project.log(ref) + "/messages/" + welcome.messageId() + "/retry")
                    .then().statusCode(200).body("status", equalTo("DEFERRED"));
            assertEquals(MailStatus.SENT, awaitStatus(welcome, MailStatus.SENT).status());
            Map<String, Object> sent = project.entry(ref, welcome);
            assertEquals("SENT", sent.get("status"));
            List<Map<String, Object>> attempts = cast(sent.get("attempts"));
            assertEquals(List.of("DEFERRED", "SENT"), attempts.stream().map(a -> a.get("status")).toList());
            assertEquals(250, ((Map<?, ?>) attempts.get(1).get("smtp")).get("code"));
            assertEquals(1, server.accepted().size());

            // a sent mail is neither retried nor cancelled: 409 with a code, and nothing changes
            project.as(project.owner).post(project.log(ref) + "/messages/" + welcome.messageId() + "/retry")
                    .then().statusCode(409).body("code", equalTo("MAIL_NOT_DEFERRED"));
            project.as(project.owner).post(project.log(ref) + "/messages/" + welcome.messageId() + "/cancel")
                    .then().statusCode(409).body("code", equalTo("MAIL_NOT_CANCELLABLE"));
            assertEquals("SENT", project.entry(ref, welcome).get("status"));

            SendMailRequested order = project.send(request(ref, 1, MailPurpose.ORDER_CONFIRMATION, "Bob@Customer.test",
                    "Your order"));
            awaitStatus(order, MailStatus.SENT);
            String messages = project.log(ref) + "/messages";
            JsonPath all = project.as(project.member).get(messages).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(order.messageId().toString(), welcome.messageId().toString()),
                    all.getList("messages.messageId"), "newest first");
            project.as(project.member).queryParam("purpose", "WELCOME").get(messages).then().statusCode(200)
                    .body("messages.messageId", equalTo(List.of(welcome.messageId().toString())));
            project.as(project.member).queryParam("recipient", "bob@CUSTOMER").get(messages).then().statusCode(200)
                    .body("messages.messageId", equalTo(List.of(order.messageId().toString())));
            project.as(project.member).queryParam("status", "DEFERRED").get(messages).then().statusCode(200)
                    .body("messages", hasSize(0));
            project.as(project.member).queryParam("since", Instant.now().plusSeconds(60).toString()).get(messages)
                    .then().statusCode(200).body("messages", hasSize(0));
            JsonPath first = project.as(project.member).queryParam("limit", 1).get(messages).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(List.of(order.messageId().toString()), first.getList("messages.messageId"));
            String cursor = first.getString("nextCursor");
            assertNotNull(cursor);
            project.as(project.member).queryParam("limit", 1).queryParam("cursor", cursor).get(messages).then()
                    .statusCode(200).body("messages.messageId", equalTo(List.of(welcome.messageId().toString())))
                    .body("nextCursor", nullValue());
        }
    }

    @Test
    void theOwnerCancelsADeferredMailAndItIsNeverSentAndItsResultSaysCancelled() throws Exception {
        try (ScriptedSmtpServer server = server()) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "cancel");
            String ref = newRef();
            project.owns(server, ref, 1, "hello@shop.test");
            project.visible(ref);
            server.script(".", DEFER);
            SendMailRequested mail = project.send(request(ref, 1, MailPurpose.INBOUND_REPLY, "carol@customer.test",
                    "Re: your question"));
            awaitStatus(mail, MailStatus.DEFERRED);
            server.script(".", null);

            project.as(project.member).post(project.log(ref) + "/messages/" + mail.messageId() + "/cancel")
                    .then().statusCode(403).body("code", equalTo("OWNER_REQUIRED"));
            project.as(project.owner).post(project.log(ref) + "/messages/" + mail.messageId() + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"))
                    .body("errorCode", equalTo("CANCELLED_BY_OWNER"))
                    .body("cancel.outcome", equalTo("CANCELLED"))
                    .body("nextAttemptAt", nullValue())
                    .body("attempts.status", equalTo(List.of("DEFERRED", "CANCELLED")));
            MailDispatchResult cancelled = awaitStatus(mail, MailStatus.CANCELLED);
            assertEquals("CANCELLED_BY_OWNER", cancelled.errorCode());
            assertTrue(cancelled.status().isFinal());

            project.as(project.owner).post(project.log(ref) + "/messages/" + mail.messageId() + "/cancel")
                    .then().statusCode(409).body("code", equalTo("MAIL_NOT_CANCELLABLE"));
            project.as(project.owner).post(project.log(ref) + "/messages/" + mail.messageId() + "/retry")
                    .then().statusCode(409).body("code", equalTo("MAIL_NOT_DEFERRED"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> server.accepted().isEmpty());
        }
    }

    @Test
    void aCancelReachesAMailTheProcessHoldsBeforeItIsSent() throws Exception {
        try (ScriptedSmtpServer server = server()) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "held");
            String ref = newRef();
            project.owns(server, ref, 1, "hello@shop.test");
            project.visible(ref);
            // it names profile version 2, which is not here yet: the lane holds it (leased, QUEUED) for the grace
            SendMailRequested mail = project.send(request(ref, 2, MailPurpose.WELCOME, "dave@customer.test",
                    "Welcome"));
            await().atMost(Duration.ofSeconds(30)).until(() -> project.as(project.member)
                    .get(project.log(ref) + "/messages/" + mail.messageId()).statusCode() == 200);

            int status = project.as(project.owner).post(project.log(ref) + "/messages/" + mail.messageId() + "/cancel")
                    .then().extract().statusCode();
            assertEquals(202, status, "the process holding the mail is told; the route does not wait for it");
            MailDispatchResult cancelled = awaitStatus(mail, MailStatus.CANCELLED);
            assertEquals("CANCELLED_BY_OWNER", cancelled.errorCode());
            Map<String, Object> entry = project.entry(ref, mail);
            assertEquals("CANCELLED", entry.get("status"));
            assertEquals("CANCELLED", ((Map<?, ?>) entry.get("cancel")).get("outcome"));

            project.owns(server, ref, 2, "hello@shop.test");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> server.accepted().isEmpty());
        }
    }

    @Test
    void strangersAnonymousCallersAndHostileParametersSeeNothing() throws Exception {
        try (ScriptedSmtpServer server = server()) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "victim");
            DeliveryLogClient other = new DeliveryLogClient(results.kafka(), "stranger");
            String ref = newRef();
            String otherRef = newRef();
            project.owns(server, ref, 1, "hello@shop.test");
            other.owns(server, otherRef, 1, "hello@shop.test");
            project.visible(ref);
            other.visible(otherRef);
            SendMailRequested mail = project.send(request(ref, 1, MailPurpose.WELCOME, "erin@customer.test", "Hi"));
            SendMailRequested othersMail = other.send(request(otherRef, 1, MailPurpose.WELCOME, "x@customer.test",
                    "Hi"));
            awaitStatus(mail, MailStatus.SENT);
            awaitStatus(othersMail, MailStatus.SENT);
            String messages = project.log(ref) + "/messages";
            String one = messages + "/" + mail.messageId();

            given().get(messages).then().statusCode(401);
            given().post(one + "/cancel").then().statusCode(401);
            // the other project's owner: not a member here, so nothing exists (never 403)
            for (String path : List.of(messages, one, project.log(ref) + "/suppressions")) {
                other.as(other.owner).get(path).then().statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
            }
            other.as(other.owner).post(one + "/cancel").then().statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
            other.as(other.owner).post(one + "/retry").then().statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
            other.as(other.owner).delete(project.log(ref) + "/suppressions/erin@customer.test").then().statusCode(404);
            // this profile through the stranger's own project, and a mail of another profile through this one
            String foreign = DeliveryLogClient.log(other.projectUid, ref);
            other.as(other.owner).get(foreign + "/messages").then().statusCode(404)
                    .body("code", equalTo("INTEGRATION_NOT_FOUND"));
            other.as(other.owner).post(foreign + "/messages/" + mail.messageId() + "/cancel").then().statusCode(404);
            project.as(project.owner).get(messages + "/" + othersMail.messageId()).then().statusCode(404)
                    .body("code", equalTo("MAIL_NOT_FOUND"));
            project.as(project.owner).post(messages + "/" + othersMail.messageId() + "/cancel").then().statusCode(404)
                    .body("code", equalTo("MAIL_NOT_FOUND"));
            project.as(project.owner).get(messages + "/not-a-uuid").then().statusCode(404)
                    .body("code", equalTo("MAIL_NOT_FOUND"));
            project.as(project.owner).get("/api/v1/projects/" + project.projectUid + "/integrations/a%20b/delivery/messages")
                    .then().statusCode(404).body("code", equalTo("INTEGRATION_NOT_FOUND"));
            // a project id minted a moment ago may not have arrived yet: 503 with Retry-After, as the domain services
            project.as(project.owner).get(DeliveryLogClient.log(TimeOrderedIds.next().toString(), ref) + "/messages")
                    .then().statusCode(503).header("Retry-After", "1").body("code", equalTo("PROJECT_NOT_YET_VISIBLE"));

            Map<String, String> hostile = Map.ofEntries(Map.entry("status", "LOST"), Map.entry("purpose", "SPAM"),
                    Map.entry("since", "yesterday"), Map.entry("limit", "0"), Map.entry("cursor", "bm90LWEtY3Vyc29y"));
            Map<String, String> codes = Map.of("status", "STATUS_INVALID", "purpose", "PURPOSE_INVALID",
                    "since", "SINCE_INVALID", "limit", "LIMIT_INVALID", "cursor", "CURSOR_INVALID");
            hostile.forEach((parameter, value) -> project.as(project.member).queryParam(parameter, value)
                    .get(messages).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo(codes.get(parameter))).body("errors[0].field", equalTo(parameter)));
            for (String limit : List.of("201", "-1", "abc", "99999999999")) {
                project.as(project.member).queryParam("limit", limit).get(messages).then().statusCode(400)
                        .body("code", equalTo("LIMIT_INVALID"));
            }
            for (String recipient : List.of("a\nb", "x".repeat(300))) {
                project.as(project.member).queryParam("recipient", recipient).get(messages).then().statusCode(400)
                        .body("code", equalTo("RECIPIENT_FILTER_INVALID"));
            }
            // pattern characters and quotes are matched literally, never as SQL or LIKE syntax
            for (String recipient : List.of("%", "_", "' OR 1=1 --")) {
                project.as(project.member).queryParam("recipient", recipient).get(messages).then().statusCode(200)
                        .body("messages", hasSize(0));
            }
            assertEquals("SENT", project.entry(ref, mail).get("status"), "nothing a stranger sent changed the mail");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
