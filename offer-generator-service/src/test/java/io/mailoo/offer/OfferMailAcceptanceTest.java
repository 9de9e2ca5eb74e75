package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.WAIT;
import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.integration;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.proWithThreePanels;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
import static io.mailoo.offer.support.OfferApi.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.support.OfferApi;
import io.mailoo.testsupport.SecretLeakCheck;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.PlatformSmtp;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.TestSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The issue's acceptance tests, through the real broker, PostgreSQL, the mail-dispatch-service process and
 * GreenMail: the offer and the internal notification leave through the generator's own SMTP server, never through
 * the linked Market integration's, and nothing at all leaves once the generator's settings are removed.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class OfferMailAcceptanceTest {

    static TenantSmtp offerServer;
    static TenantSmtp marketServer;
    static String offerPassword;
    static String marketPassword;
    static KafkaTestClient kafka;

    @PlatformSmtp
    GreenMail platform;

    @BeforeAll
    static void start() {
        offerPassword = "offer-pw-" + UUID.randomUUID();
        marketPassword = "market-pw-" + UUID.randomUUID();
        offerServer = new TenantSmtp("offers", offerPassword);
        marketServer = new TenantSmtp("market", marketPassword);
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
            offerServer.close();
            marketServer.close();
        }
    }

    @Test
    void submissionWithSettingsMailsTheBrandedOfferAndTheInternalNotificationThroughTheGeneratorsOwnServer()
            throws Exception {
        Configured c = configuredGenerator();
        String owner = c.owner();
        String projectUid = c.projectUid();
        String generatorId = c.generatorId();
        String customer = "zoe-" + UUID.randomUUID() + "@customer.test";

        String submissionId = submit(generatorId, proWithThreePanels(), customer).then().statusCode(201)
                .body("offer.total", equalTo(34500))
                .body("offer.currency", equalTo("EUR"))
                .body("offer.lines", hasSize(3))
                .body("customerDelivery.status", equalTo("QUEUED"))
                .body("internalNotification.status", equalTo("QUEUED"))
                .extract().path("submissionId");

        await().atMost(WAIT).until(() -> offerServer.to(customer).size() == 1
                && offerServer.to("sales@sunny.test").stream().anyMatch(m -> subjectHas(m, customer)));
        MimeMessage offer = offerServer.to(customer).get(0);
        assertEquals("Your offer from Sunny Roofs", offer.getSubject());
        assertEquals("offers@sunny.test", ((InternetAddress) offer.getFrom()[0]).getAddress());
        String html = TenantSmtp.part(offer, "text/html");
        String text = TenantSmtp.part(offer, "text/plain");
        assertNotNull(html, "the offer has an HTML part");
        assertNotNull(text, "the offer has a plain-text part");
        for (String expected : List.of("Sunny Roofs", "#ff6600", "https://cdn.sunny.test/logo.png", "345.00 EUR",
                "Plan: Pro", "Sunny Roofs GmbH, Example Street 1", "Zoë Kunde")) {
            assertTrue(html.contains(expected), "HTML offer shows " + expected + ":\n" + html);
        }
        assertTrue(text.contains("Total: 345.00 EUR"), text);
        assertTrue(text.contains("Panels (3 x 15.00 EUR): 45.00 EUR"), text);

        MimeMessage internal = offerServer.to("sales@sunny.test").stream()
                .filter(m -> subjectHas(m, customer)).findFirst().orElseThrow();
        String internalText = TenantSmtp.part(internal, "text/plain");
        assertTrue(internalText.contains("Plan: Pro"), internalText);
        assertTrue(internalText.contains("Notes: Roof faces south"), internalText);
        assertTrue(internalText.contains(customer), internalText);
        assertEquals(customer, ((InternetAddress) internal.getReplyTo()[0]).getAddress());

        awaitStatuses(owner, projectUid, generatorId, submissionId, "SENT", "SENT");
        assertEquals(0, marketServer.to(customer).size());
        assertEquals(0, TenantSmtp.to(platform, customer).size());
    }

    @Test
    void linkedMarketIntegrationsServerNeverGetsOfferMailAndWithoutSettingsNothingIsSent() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String marketId = integration(kafka, projectUid, owner, "MARKET", 1, null);
        String marketRef = "integration:" + marketId;
        publishMarketProfile(marketRef, projectUid);
        proveMarketProfileWorks(marketRef, projectUid);
        String generatorId = createGenerator(owner, projectUid, marketId);
        as(owner).get(generator(projectUid, generatorId)).then().statusCode(200)
                .body("marketIntegrationId", equalTo(marketId));

        putSettings(owner, projectUid, generatorId, settings(offerServer, offerPassword, null)).then().statusCode(200);
        String first = "first-" + UUID.randomUUID() + "@customer.test";
        String sent = submit(generatorId, proWithThreePanels(), first).then().statusCode(201)
                .body("internalNotification.status", equalTo("NONE")).extract().path("submissionId");
        awaitStatuses(owner, projectUid, generatorId, sent, "SENT", "NONE");
        assertEquals(1, offerServer.to(first).size());

        keep(as(owner).delete(generator(projectUid, generatorId) + "/mail-settings")).then().statusCode(204);
        String second = "second-" + UUID.randomUUID() + "@customer.test";
        String notConfigured = submit(generatorId, proWithThreePanels(), second).then().statusCode(201)
                .body("offer.total", equalTo(34500))
                .body("customerDelivery.status", equalTo("NOT_CONFIGURED"))
                .body("internalNotification.status", equalTo("NOT_CONFIGURED"))
                .extract().path("submissionId");

        // The outbox is relayed in order: once a later profile event is on the topic, any request queued with the
        // NOT_CONFIGURED submission would be there too.
        String profileRef = "offer-generator:" + generatorId;
        int profileEventsBefore = profileEvents(profileRef);
        putSettings(owner, projectUid, generatorId, settings(offerServer, offerPassword, null)).then().statusCode(200);
        await().atMost(WAIT).until(() -> profileEvents(profileRef) > profileEventsBefore);
        assertTrue(kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .noneMatch(r -> r.source() != null && notConfigured.equals(r.source().entityId())),
                "no mail request for a submission without settings");
        assertTrue(kafka.records(Topics.MAIL_PROFILES).stream()
                .anyMatch(r -> profileRef.equals(r.key()) && r.value() == null), "removal published a tombstone");
        // one version counter across save, removal and re-save: the tombstone carries the removal's version
        assertEquals(List.of("v1", "removed@2", "v3"), profileHistory(profileRef));
        awaitStatuses(owner, projectUid, generatorId, notConfigured, "NOT_CONFIGURED", "NOT_CONFIGURED");

        assertEquals(0, offerServer.to(second).size());
        assertEquals(0, marketServer.to(second).size());
        assertEquals(0, marketServer.to(first).size());
        assertEquals(1, marketServer.received().size(), "only the market's own order confirmation");
        assertTrue(kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> r.purpose() == MailPurpose.OFFER_DELIVERY
                        || r.purpose() == MailPurpose.OFFER_INTERNAL_NOTIFICATION)
                .allMatch(r -> r.profileRef().startsWith("offer-generator:")));
    }

    @Test
    void aFailingServerShowsFailedWithItsErrorCodeOnBothMails() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String wrong = TestSecrets.remember("wrong-offer-pw-" + UUID.randomUUID());
        putSettings(owner, projectUid, generatorId, settings(offerServer, wrong, "sales@sunny.test"))
                .then().statusCode(200);
        String customer = "failing-" + UUID.randomUUID() + "@customer.test";

        String submissionId = submit(generatorId, proWithThreePanels(), customer).then().statusCode(201)
                .extract().path("submissionId");
        awaitStatuses(owner, projectUid, generatorId, submissionId, "FAILED", "FAILED");
        as(owner).get(generator(projectUid, generatorId) + "/submissions").then()
                .body("find { it.submissionId == '" + submissionId + "' }.customerDelivery.errorCode",
                        equalTo("SMTP_AUTH_FAILED"))
                .body("find { it.submissionId == '" + submissionId + "' }.internalNotification.errorCode",
                        equalTo("SMTP_AUTH_FAILED"));
        assertEquals(0, offerServer.to(customer).size());
        assertEquals(0, marketServer.to(customer).size());
    }

    @Test
    void invalidAnswersAre422NamingTheFieldAndNothingIsStoredOrSent() {
        Configured c = configuredGenerator();
        String owner = c.owner();
        String projectUid = c.projectUid();
        String generatorId = c.generatorId();
        String customer = "bad-" + UUID.randomUUID() + "@customer.test";

        submit(generatorId, Map.of("plan", "pro", "panels", 51), customer).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("ANSWER_OUT_OF_RANGE"))
                .body("errors[0].field", equalTo("answers.panels"));
        submit(generatorId, Map.of("plan", "platinum", "panels", 2), customer).then().statusCode(422)
                .body("code", equalTo("ANSWER_OPTION_UNKNOWN")).body("errors[0].field", equalTo("answers.plan"));
        submit(generatorId, Map.of("panels", 2), customer).then().statusCode(422)
                .body("code", equalTo("ANSWER_REQUIRED")).body("errors[0].field", equalTo("answers.plan"));
        submit(generatorId, Map.of("plan", "pro", "panels", 2, "roofColour", "red"), customer).then()
                .statusCode(422).body("code", equalTo("ANSWER_FIELD_UNKNOWN"))
                .body("errors[0].field", equalTo("answers.roofColour"));
        submit(generatorId, Map.of("plan", "pro", "panels", "many"), customer).then().statusCode(422)
                .body("errors.field", hasItem("answers.panels"));
        submit(generatorId, proWithThreePanels(), "not-an-address").then().statusCode(422)
                .body("errors.field", hasItem("customer.email"));

        as(owner).get(generator(projectUid, generatorId) + "/submissions").then().statusCode(200)
                .body("$", hasSize(0));
        // A valid submission afterwards: its requests are the generator's only ones, so the rejected ones queued none.
        String valid = submit(generatorId, proWithThreePanels(), customer).then().statusCode(201)
                .extract().path("submissionId");
        String profileRef = "offer-generator:" + generatorId;
        await().atMost(WAIT).until(() -> requestsFor(profileRef).size() == 2);
        assertTrue(requestsFor(profileRef).stream().allMatch(r -> valid.equals(r.source().entityId())));
        awaitStatuses(owner, projectUid, generatorId, valid, "SENT", "SENT");
        assertEquals(1, offerServer.to(customer).size(), "only the valid submission's offer");
        as(owner).get(generator(projectUid, generatorId) + "/submissions").then().body("$", hasSize(1));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("mailoo_offer_submissions_total{outcome=\"invalid\"}"))
                .body(org.hamcrest.Matchers.containsString("mailoo_offer_mail_results_total"));
    }

    private record Configured(String owner, String projectUid, String generatorId) {
    }

    /** A new project and generator whose settings point at the offer server, with an internal address. */
    private static Configured configuredGenerator() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(offerServer, offerPassword, "sales@sunny.test"))
                .then().statusCode(200);
        return new Configured(owner, projectUid, generatorId);
    }

    private static List<SendMailRequested> requestsFor(String profileRef) {
        return kafka.events(Topics.MAIL_REQUESTS, SendMailRequested.class).stream()
                .filter(r -> profileRef.equals(r.profileRef())).toList();
    }

    /** The profile's records in order: "v<version>" for a save, "removed@<mailoo-removed-version>" for a tombstone. */
    private static List<String> profileHistory(String profileRef) {
        return kafka.records(Topics.MAIL_PROFILES).stream().filter(r -> profileRef.equals(r.key()))
                .map(r -> r.value() != null ? "v" + EventCodec.decode(r.value(), MailProfileChanged.class).version()
                        : "removed@" + VersionedRemovals.removedVersion(
                                r.headers().lastHeader(Topics.REMOVED_VERSION_HEADER).value()).getAsLong())
                .toList();
    }

    private static int profileEvents(String profileRef) {
        return (int) kafka.records(Topics.MAIL_PROFILES).stream().filter(r -> profileRef.equals(r.key())).count();
    }

    @Test
    void repeatedLoginFailuresShowAsSuspensionOnTheSettingsUntilTheyAreSaved() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        String settingsPath = generator(projectUid, generatorId) + "/mail-settings";
        String wrong = TestSecrets.remember("wrong-offer-pw-" + UUID.randomUUID());
        putSettings(owner, projectUid, generatorId, settings(offerServer, wrong, null)).then().statusCode(200)
                .body("smtp.suspension", nullValue());

        // each offer's delivery fails on the login until dispatch suspends the profile (5 in a row by default)
        String lastError = null;
        for (int i = 0; i < 8 && !"PROFILE_SUSPENDED".equals(lastError); i++) {
            String submissionId = submit(generatorId, proWithThreePanels(), "suspended-" + i + "@customer.test")
                    .then().statusCode(201).extract().path("submissionId");
            String path = "find { it.submissionId == '" + submissionId + "' }.customerDelivery";
            lastError = await().atMost(WAIT).until(() -> {
                Map<String, Object> delivery = as(owner).get(generator(projectUid, generatorId) + "/submissions")
                        .then().statusCode(200).extract().path(path);
                return "FAILED".equals(delivery.get("status")) ? (String) delivery.get("errorCode") : null;
            }, code -> code != null);
        }
        assertEquals("PROFILE_SUSPENDED", lastError);
        await().atMost(WAIT).untilAsserted(() -> keep(as(owner).get(settingsPath)).then().statusCode(200)
                .body("smtp.suspension.errorCode", equalTo("PROFILE_SUSPENDED"))
                .body("smtp.suspension.message", equalTo("Sending is paused after repeated SMTP authentication "
                        + "failures; save corrected SMTP settings to resume."))
                .body("smtp.suspension.since", notNullValue()));

        putSettings(owner, projectUid, generatorId, settings(offerServer, offerPassword, null)).then()
                .statusCode(200).body("smtp.suspension", nullValue());
        keep(as(owner).get(settingsPath)).then().body("smtp.suspension", nullValue());
        String after = submit(generatorId, proWithThreePanels(), "after-fix@customer.test").then().statusCode(201)
                .extract().path("submissionId");
        awaitStatuses(owner, projectUid, generatorId, after, "SENT", "NONE");
        // a suspension reported before the last save concerns the replaced settings
        kafka.send(Topics.MAIL_RESULTS, "offer-generator:" + generatorId, new MailDispatchResult(UUID.randomUUID(),
                "offer-generator:" + generatorId, MailPurpose.OFFER_DELIVERY,
                new MailSource("offer-generator-service", "offer-submission", after), MailStatus.FAILED, 1, null,
                null, "PROFILE_SUSPENDED", Instant.now().minusSeconds(3600)),
                Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, "offer-generator-service"));
        String witness = submit(generatorId, proWithThreePanels(), "witness@customer.test").then().statusCode(201)
                .extract().path("submissionId");
        awaitStatuses(owner, projectUid, generatorId, witness, "SENT", "NONE");
        keep(as(owner).get(settingsPath)).then().body("smtp.suspension", nullValue());
    }

    private static void awaitStatuses(String owner, String projectUid, String generatorId, String submissionId,
            String delivery, String internal) {
        await().atMost(WAIT).untilAsserted(() -> as(owner).get(generator(projectUid, generatorId) + "/submissions")
                .then().statusCode(200)
                .body("find { it.submissionId == '" + submissionId + "' }.customerDelivery.status", equalTo(delivery))
                .body("find { it.submissionId == '" + submissionId + "' }.internalNotification.status",
                        equalTo(internal)));
    }

    private static boolean subjectHas(MimeMessage m, String text) {
        try {
            return TenantSmtp.content(m).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    /** integration-service's part: the Market integration's own outboundMail, on another server. */
    private static void publishMarketProfile(String marketRef, String projectUid) {
        SmtpSecretCipher cipher = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);
        var sealed = cipher.seal(marketPassword, SecretBinding.smtpPassword(marketRef, "127.0.0.1",
                marketServer.port(), SmtpSecurity.NONE, "market"));
        kafka.send(Topics.MAIL_PROFILES, marketRef, new MailProfileChanged(marketRef, projectUid, 1,
                new SmtpServer("127.0.0.1", marketServer.port(), SmtpSecurity.NONE, "market", sealed),
                new Sender("shop@market.test", "Market"), null, new ProfileLimits(null, null)));
    }

    /** So that "nothing arrived at the market server" means something: the market's own mail does arrive there. */
    private static void proveMarketProfileWorks(String marketRef, String projectUid) {
        Instant now = Instant.now();
        SendMailRequested order = new SendMailRequested(UUID.randomUUID(), marketRef, 1,
                MailPurpose.ORDER_CONFIRMATION, projectUid, new MailSource("market-service", "order", "o-1"),
                List.of("buyer@customer.test"), List.of(), List.of(), null, "Order confirmed", "Thanks", null, Map.of(),
                null, now, now.plusSeconds(600));
        kafka.send(Topics.MAIL_REQUESTS, marketRef, order);
        await().atMost(WAIT).until(() -> marketServer.received().size() == 1);
    }
}
