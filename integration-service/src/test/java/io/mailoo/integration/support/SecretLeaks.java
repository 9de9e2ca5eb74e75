package io.mailoo.integration.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.mailoo.testsupport.TestSecrets;

/**
 * No recorded password may appear in the service log, a response or a published event; no recorded ciphertext may
 * appear in the log or a response (events carry ciphertext by design, sealed).
 */
public final class SecretLeaks {

    public static final Path LOG = Path.of("target", "integration-test.log");

    private SecretLeaks() {
    }

    public static void assertNone(List<String> passwords, List<String> ciphertexts,
            List<ConsumerRecord<String, byte[]>> published) throws Exception {
        assertTrue(Files.exists(LOG), "the service log was captured");
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        String bodies = Api.allBodies();
        StringBuilder events = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record : published) {
            if (record.value() != null) {
                events.append(new String(record.value(), StandardCharsets.UTF_8));
            }
            for (Header header : record.headers()) {
                events.append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        assertFalse(passwords.isEmpty(), "the suite used passwords");
        for (String secret : passwords) {
            assertFalse(log.contains(secret), "a password is in the service log");
            assertFalse(bodies.contains(secret), "a password is in a response");
            assertFalse(events.indexOf(secret) >= 0, "a password is in a published event");
        }
        for (String ciphertext : ciphertexts) {
            assertFalse(log.contains(ciphertext), "a ciphertext is in the service log");
            assertFalse(bodies.contains(ciphertext), "a ciphertext is in a response");
        }
        assertTrue(TestSecrets.all().containsAll(passwords), "every password was recorded");
    }
}
