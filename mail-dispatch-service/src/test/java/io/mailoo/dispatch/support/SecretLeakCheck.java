package io.mailoo.dispatch.support;

import io.mailoo.contracts.Topics;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Looks for every password and ciphertext the suite created in the captured service log and in every published
 * result (value and headers): none may appear.
 */
public final class SecretLeakCheck {

    public static final Path LOG = Path.of("target", "dispatch-test.log");

    private SecretLeakCheck() {
    }

    /** The end of a suite that reads results: checks every published result, then closes the client. */
    public static void closeAfterCheckingResults(KafkaTestClient kafka) throws Exception {
        try {
            assertNoSecretIn(kafka.records(Topics.MAIL_RESULTS));
        } finally {
            kafka.close();
        }
    }

    public static void assertNoSecretIn(List<ConsumerRecord<String, byte[]>> results) throws Exception {
        List<String> secrets = TestSecrets.all();
        assertFalse(secrets.isEmpty(), "the suite recorded the secrets it used");
        assertTrue(Files.exists(LOG), "the service log was captured");
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("Mail profile"), "the captured log is the service's");
        StringBuilder published = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record : results) {
            published.append(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                published.append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        assertFalse(results.isEmpty(), "results were published");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the service log");
            assertFalse(published.indexOf(secret) >= 0, "a secret is in a published result");
        }
    }
}
