package io.mailoo.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A result whose publication Kafka never acknowledged — the process died between recording SENT and the send, as
 * a SIGKILL in the system test did — is published again from the stored row; a result that waits only a moment is
 * left to its own publication, and a published one is not repeated.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class ResultRepublishTest {

    static KafkaTestClient kafka;

    @Inject
    Pool pool;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private UUID storedSent(String unpublishedFor) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO dispatch_message (message_id, profile_ref, purpose, source_service, "
                + "source_entity_type, source_entity_id, status, attempt, expires_at, smtp_code, smtp_message, "
                + "created_at, updated_at) VALUES ($1, 'integration:republish-test', "
                + "'ORDER_CONFIRMATION', 'market-service', 'ORDER', 'order-1', 'SENT', 1, now() + interval '1 day', "
                + "250, 'Ok', now(), now())").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        if (unpublishedFor != null) {
            pool.preparedQuery("INSERT INTO dispatch_result_unpublished (message_id, since) "
                    + "VALUES ($1, now() - interval '" + unpublishedFor + "')").execute(Tuple.of(id)).await()
                    .atMost(Duration.ofSeconds(10));
        }
        return id;
    }

    private boolean marked(UUID id) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM dispatch_result_unpublished WHERE message_id = $1) "
                + "AS marked").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getBoolean("marked");
    }

    @Test
    void aResultNeverAcknowledgedIsPublishedAgainFromTheStoredRow() {
        UUID lost = storedSent("1 minute");
        UUID recent = storedSent("1 second");
        UUID published = storedSent(null);

        List<MailDispatchResult> results = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.resultsFor(lost), r -> !r.isEmpty());
        assertEquals(MailStatus.SENT, results.get(0).status());
        assertEquals("market-service", results.get(0).source().service());
        assertEquals(250, results.get(0).smtp().code());
        await("the acknowledgement clears the mark").atMost(Duration.ofSeconds(10)).until(() -> !marked(lost));

        assertTrue(kafka.resultsFor(recent).isEmpty(), "a result waiting a moment was published again at once");
        assertTrue(kafka.resultsFor(published).isEmpty(), "an acknowledged result was published again");
        assertTrue(marked(recent));
        // once it has waited long enough it goes out too
        await().atMost(Duration.ofSeconds(40)).until(() -> kafka.resultsFor(recent), r -> !r.isEmpty());
        assertEquals(1, kafka.resultsFor(lost).size(), "the lost result was published more than once");
    }
}
