package io.mailoo.offer.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestSecrets;

/**
 * No plaintext password (recorded with {@link TestSecrets}) in the service log, any response or any record on the
 * watched topics; no ciphertext of an offer-generator profile (as published on mailoo.mail-profiles.v1, where it
 * belongs) in the log or any response.
 */
public final class SecretLeakCheck {

    public static final Path LOG = Path.of("target", "offer-test.log");

    private SecretLeakCheck() {
    }

    public static void assertNoSecretLeaked(KafkaTestClient kafka) throws Exception {
        List<String> passwords = TestSecrets.all();
        assertFalse(passwords.isEmpty(), "the suite recorded its passwords");
        assertTrue(Files.exists(LOG), "the service log was captured");
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("offer-generator-service"), "the captured log is this service's");
        String responses = String.join("\n", OfferApi.responses());
        assertFalse(responses.isEmpty(), "responses were recorded");
        StringBuilder published = new StringBuilder();
        List<String> ciphertexts = new ArrayList<>();
        for (String topic : List.of(Topics.MAIL_PROFILES, Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS)) {
            for (ConsumerRecord<String, byte[]> record : kafka.records(topic)) {
                if (record.value() != null) {
                    published.append(new String(record.value(), StandardCharsets.UTF_8));
                }
                for (Header header : record.headers()) {
                    published.append(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class).stream()
                .filter(p -> p.profileRef().startsWith("offer-generator:") && p.smtp() != null
                        && p.smtp().password() != null)
                .forEach(p -> ciphertexts.add(p.smtp().password().ciphertext()));
        assertFalse(ciphertexts.isEmpty(), "sealed offer-generator profiles were published");
        for (String password : passwords) {
            assertFalse(log.contains(password), "a password is in the service log");
            assertFalse(responses.contains(password), "a password is in a response");
            assertFalse(published.indexOf(password) >= 0, "a password is in a published record");
        }
        for (String ciphertext : ciphertexts) {
            assertFalse(log.contains(ciphertext), "a ciphertext is in the service log");
            assertFalse(responses.contains(ciphertext), "a ciphertext is in a response");
        }
    }
}
