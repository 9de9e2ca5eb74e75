package io.mailoo.integration.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * integration-service's outbox keeps the NOTIFY trigger (its events are written through Hibernate, at the pace of
 * people, so the commit serialisation that NOTIFY costs does not matter and there is no after-commit hook): with the
 * poll made hourly, an event committed by any transaction on the database is published at once.
 */
@QuarkusTest
@TestProfile(OutboxCommitNotifyTest.HourlyPoll.class)
class OutboxCommitNotifyTest {

    static final String TOPIC = "mailoo.test.outbox-notify";

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailoo.outbox.poll-interval", "1h");
        }
    }

    static KafkaTestClient kafka;

    @Inject
    Pool pool;

    @BeforeAll
    static void watch() throws Exception {
        kafka = KafkaTestClient.onOwnTopic(TOPIC);
    }

    @AfterAll
    static void close() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anEventCommittedByAnotherConnectionMovesWithoutThePoll() {
        String key = "notify-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, payload, created_at) "
                + "VALUES ($1, $2, $3, convert_to('{\"n\":1}', 'UTF8'), now())")
                .execute(Tuple.of(UUID.randomUUID(), TOPIC, key)).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.records(TOPIC).stream()
                .anyMatch(r -> key.equals(r.key())) && unpublished(key) == 0);
        assertEquals(1, kafka.records(TOPIC).stream().filter(r -> key.equals(r.key())).count(), "once");
    }

    private long unpublished(String key) {
        return pool.preparedQuery("select count(*) from outbox_event where message_key = $1 and published_at is null")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
