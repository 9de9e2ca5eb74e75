package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static io.mailoo.dispatch.support.Profiles.withSubject;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.support.DeliveryLogClient;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Hard bounces and Message-IDs at real SMTP servers: a scripted server that refuses one mailbox permanently at RCPT,
 * one that greylists the first DATA, and the platform profile's GreenMail.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class SuppressionAndMessageIdTest {

    private static final String GONE = "gone@customer.test";
    private static final String REFUSAL = "550 5.1.1 <gone@customer.test>: Recipient address rejected: unknown user";

    static ResultsTopic results;

    @PlatformSmtp
    GreenMail platform;

    @BeforeAll
    static void start() {
        results = new ResultsTopic();
    }

    @AfterAll
    static void stop() throws Exception {
        results.close();
    }

    @BeforeEach
    void emptyPlatformMailbox() throws Exception {
        platform.purgeEmailFromAllMailboxes();
    }

    @Test
    void aRecipientRefusedPermanentlyIsSuppressedAndGetsNoConnectionUntilTheOwnerLiftsIt() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> "250 2.0.0 Ok: queued")) {
            server.refuseRecipient(GONE, REFUSAL);
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "bounces");
            DeliveryLogClient other = new DeliveryLogClient(results.kafka(), "outsider");
            String ref = newRef();
            project.owns(server, ref, 1, "hello@shop.test");
            project.visible(ref);
            String suppressions = project.log(ref) + "/suppressions";

            SendMailRequested first = project.send(request(ref, 1, MailPurpose.WELCOME, GONE, "Welcome"));
            MailDispatchResult refused = results.awaitFinal(first.messageId());
            assertEquals(MailStatus.FAILED, refused.status());
            assertEquals("RECIPIENT_REJECTED", refused.errorCode());
            assertEquals(SmtpStep.RCPT_TO, refused.smtpStep());
            JsonPath listed = await().atMost(Duration.ofSeconds(30)).until(() -> project.as(project.member)
                    .get(suppressions).then().statusCode(200).extract().jsonPath(),
                    list -> list.getList("").size() == 1);
            assertEquals(GONE, listed.getString("[0].address"));
            assertEquals(first.messageId().toString(), listed.getString("[0].messageId"));
            assertEquals(550, listed.getInt("[0].smtp.code"));
            assertEquals(Duration.ofDays(30), Duration.between(Instant.parse(listed.getString("[0].suppressedAt")),
                    Instant.parse(listed.getString("[0].expiresAt"))), "DISPATCH_SUPPRESSION_DURATION's default");

            // the next mail to it (in another case) fails at once: no connection, no transaction, no RCPT
            int connections = server.connections();
            int transactions = server.transactions();
            List<String> rcpts = server.rcptAddresses();
            SendMailRequested again = project.send(request(ref, 1, MailPurpose.ORDER_CONFIRMATION,
                    "Gone@Customer.TEST", "Your order"));
            MailDispatchResult suppressed = results.awaitFinal(again.messageId());
            assertEquals(MailStatus.FAILED, suppressed.status());
            assertEquals("RECIPIENT_SUPPRESSED", suppressed.errorCode());
            assertEquals(connections, server.connections(), "no connection for a suppressed recipient");
            assertEquals(transactions, server.transactions());
            assertEquals(rcpts, server.rcptAddresses());
            assertEquals("The recipient refused an earlier mail of this profile permanently, so it is on the "
                    + "suppression list.", project.entry(ref, again).get("errorMessage"));

            // other recipients still get their mail, also beside the suppressed one in the same mail
            SendMailRequested ok = project.send(request(ref, 1, MailPurpose.WELCOME, "ok@customer.test", "Hi"));
            assertEquals(MailStatus.SENT, results.awaitFinal(ok.messageId()).status());
            SendMailRequested both = project.send(withSubject(request(ref, 1, MailPurpose.WELCOME, GONE, "Both"),
                    "Both", List.of(GONE, "also-ok@customer.test")));
            assertEquals(MailStatus.SENT, results.awaitFinal(both.messageId()).status());
            assertEquals(List.of("ok@customer.test", "also-ok@customer.test"),
                    server.rcptAddresses().subList(rcpts.size(), server.rcptAddresses().size()));

            // operators see how many, not who
            String operator = TestKeys.token("ops-1", "ops-1@mailoo.test", Set.of("operator"));
            String view = given().auth().oauth2(operator).get("/api/v1/dispatch/profiles/" + ref).then()
                    .statusCode(200).body("suppressedRecipients", equalTo(1)).extract().asString();
            assertTrue(!view.contains(GONE), "operators see the count only");

            // a member reads the list but may not lift; a stranger sees nothing; the owner lifts (any case)
            project.as(project.member).delete(suppressions + "/" + GONE).then().statusCode(403)
                    .body("code", equalTo("OWNER_REQUIRED"));
            other.visible(newRefVisibleFor(other, server));
            other.as(other.owner).delete(suppressions + "/" + GONE).then().statusCode(404)
                    .body("code", equalTo("PROJECT_NOT_FOUND"));
            other.as(other.owner).get(suppressions).then().statusCode(404);
            given().delete(suppressions + "/" + GONE).then().statusCode(401);
            project.as(project.owner).delete(suppressions + "/GONE@customer.test").then().statusCode(204);
            project.as(project.owner).delete(suppressions + "/" + GONE).then().statusCode(404)
                    .body("code", equalTo("SUPPRESSION_NOT_FOUND"));
            project.as(project.member).get(suppressions).then().statusCode(200).body("", hasSize(0));

            SendMailRequested afterLift = project.send(request(ref, 1, MailPurpose.WELCOME, GONE, "Welcome back"));
            assertEquals("RECIPIENT_REJECTED", results.awaitFinal(afterLift.messageId()).errorCode(),
                    "lifted: the server is asked again (and refuses again)");
            assertEquals(GONE, server.rcptAddresses().get(server.rcptAddresses().size() - 1));
        }
    }

    /** A profile of the other project, so its owner's requests reach dispatch's project check. */
    private static String newRefVisibleFor(DeliveryLogClient other, ScriptedSmtpServer server) {
        String ref = newRef();
        other.owns(server, ref, 1, "other@shop.test");
        return ref;
    }

    @Test
    void aDeferredThenSentMailCarriesTheSameMessageIdDerivedFromItsIdAndTheFromDomain() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(n -> "250 2.1.5 OK",
                n -> n == 1 ? "451 4.7.1 Greylisted, come back later" : "250 2.0.0 Ok: queued")) {
            DeliveryLogClient project = new DeliveryLogClient(results.kafka(), "ids");
            String ref = newRef();
            project.owns(server, ref, 1, "hello@Shop-Ids.TEST");
            SendMailRequested mail = project.send(request(ref, 1, MailPurpose.WELCOME, "fred@customer.test", "Hi"));
            MailDispatchResult sent = results.awaitFinal(mail.messageId());
            assertEquals(MailStatus.SENT, sent.status());
            assertEquals(2, sent.attempt());
            String expected = "<" + mail.messageId() + "@shop-ids.test>";
            List<String> ids = server.dataReceived().stream().map(SuppressionAndMessageIdTest::messageIdOf).toList();
            assertEquals(List.of(expected, expected), ids, "the deferred attempt and the sent one");
            assertEquals(1, server.accepted().size());
        }
    }

    @Test
    void thePlatformProfileDerivesTheMessageIdTheSameWay() throws Exception {
        SendMailRequested notice = request("platform", 0, MailPurpose.PLATFORM_NOTIFICATION, "ops@mailoo.test",
                "Billing run finished");
        results.kafka().send(io.mailoo.contracts.Topics.MAIL_REQUESTS, notice.profileRef(), notice);
        assertEquals(MailStatus.SENT, results.awaitFinal(notice.messageId()).status());
        MimeMessage received = platform.getReceivedMessages()[0];
        assertEquals("<" + notice.messageId() + "@mailoo.test>", received.getMessageID());
    }

    private static String messageIdOf(String data) {
        Matcher m = Pattern.compile("(?im)^Message-ID: *(\\S+)").matcher(data);
        return m.find() ? m.group(1) : null;
    }
}
