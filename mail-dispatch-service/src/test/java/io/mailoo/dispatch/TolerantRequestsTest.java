package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.dispatch.support.ScriptedSmtpServer;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests and profiles from a newer producer, with enum values this dispatcher does not know: each request gets a
 * REJECTED result with a code that says why (nothing connects), and none reaches the dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class TolerantRequestsTest {

    static ResultsTopic results;

    @BeforeAll
    static void start() {
        results = new ResultsTopic(Topics.MAIL_REQUESTS_DLQ);
    }

    @AfterAll
    static void stop() throws Exception {
        results.close();
    }

    @Test
    void unknownPurposeAndSecurityAreRejectedWithTheirCodesAndNothingIsDeadLettered() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(n -> "250 OK", n -> "250 OK")) {
            String ref = newRef();
            String profileRef = newRef();
            results.kafka().send(Topics.MAIL_PROFILES, profileRef, json("""
                    {"profileRef":"%s","projectUid":"project-test","version":1,
                     "smtp":{"host":"127.0.0.1","port":%d,"security":"QUANTUM_TLS"},
                     "from":{"address":"shop@tenant.test","name":"Shop"}}
                    """.formatted(profileRef, server.port())));

            UUID unknownPurpose = send(ref, "NEWSLETTER", null);
            UUID unknownInlineSecurity = send(ref, MailPurpose.SMTP_TEST.name(), """
                    {"smtp":{"host":"127.0.0.1","port":%d,"security":"QUANTUM_TLS"},
                     "from":{"address":"shop@tenant.test"}}""".formatted(server.port()));
            UUID onUnknownSecurityProfile = send(profileRef, MailPurpose.WELCOME.name(), null);

            assertRejected(unknownPurpose, "PURPOSE_UNKNOWN", MailPurpose.UNKNOWN);
            assertRejected(unknownInlineSecurity, "SMTP_SECURITY_UNKNOWN", MailPurpose.SMTP_TEST);
            assertRejected(onUnknownSecurityProfile, "SMTP_SECURITY_UNKNOWN", MailPurpose.WELCOME);
            assertEquals(List.of(), server.accepted(), "nothing was sent with a security mode not understood");

            // a poisoned record after them on the same partition: once it is dead-lettered, they were handled
            results.kafka().send(Topics.MAIL_REQUESTS, ref, "{not json".getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters(ref), l -> !l.isEmpty());
            assertEquals(1, dead.size(), "only the unreadable record is a dead letter");
            assertEquals("{}", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    private static void assertRejected(UUID messageId, String errorCode, MailPurpose purpose) {
        MailDispatchResult result = results.awaitFinal(messageId);
        assertEquals(MailStatus.REJECTED, result.status(), () -> "result: " + result);
        assertEquals(errorCode, result.errorCode(), () -> "result: " + result);
        assertEquals(purpose, result.purpose(), () -> "result: " + result);
    }

    /** A request as a newer producer writes it: {@code purpose} and the inline profile's JSON as given. */
    private static UUID send(String ref, String purpose, String inlineProfile) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        results.kafka().send(Topics.MAIL_REQUESTS, ref, json("""
                {"messageId":"%s","profileRef":"%s","minProfileVersion":1,"purpose":"%s","projectUid":"project-test",
                 "source":{"service":"dispatch-test","entityType":"TestMail","entityId":"%s"},
                 "to":["buyer@customer.test"],"subject":"From the future","text":"Hello","newerField":[1,2],
                 %s"requestedAt":"%s","expiresAt":"%s"}
                """.formatted(id, ref, purpose, id, inlineProfile == null ? "" : "\"inlineProfile\":" + inlineProfile
                + ",", now, now.plusSeconds(30))));
        return id;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return results.kafka().records(Topics.MAIL_REQUESTS_DLQ).stream().filter(r -> key.equals(r.key())).toList();
    }
}
