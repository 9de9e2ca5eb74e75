package io.mailoo.dispatch.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.SecretLeakCheck;

/**
 * The results topic as a dispatch test class reads it: one client that also publishes the test's profiles and
 * requests, results awaited by message id, and every published result checked for secrets when it closes.
 */
public final class ResultsTopic implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka;

    /** Watches the results topic and {@code moreTopics} (e.g. the dead-letter topic). */
    public ResultsTopic(String... moreTopics) {
        String[] topics = new String[moreTopics.length + 1];
        topics[0] = Topics.MAIL_RESULTS;
        System.arraycopy(moreTopics, 0, topics, 1, moreTopics.length);
        kafka = new KafkaTestClient(topics);
    }

    public KafkaTestClient kafka() {
        return kafka;
    }

    /** The message's first result (DEFERRED or final). */
    public MailDispatchResult awaitFirst(UUID messageId) {
        return await().atMost(WAIT).until(() -> kafka.resultsFor(messageId).stream().findFirst().orElse(null),
                r -> r != null);
    }

    /** The message's final result. */
    public MailDispatchResult awaitFinal(UUID messageId) {
        return await().atMost(WAIT).until(() -> kafka.resultsFor(messageId).stream()
                .filter(r -> r.status().isFinal()).findFirst().orElse(null), r -> r != null);
    }

    @Override
    public void close() throws Exception {
        // every published result, checked with test-support's one SecretLeakCheck (the service log too)
        try {
            SecretLeakCheck.inLog(SecretLeakCheck.testLog("dispatch"), "mail-dispatch-service")
                    .records(kafka, Topics.MAIL_RESULTS).assertNoneLeaked();
        } finally {
            kafka.close();
        }
    }
}
