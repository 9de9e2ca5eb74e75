package io.mailoo.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;

/**
 * DESIGN §8 checked after a suite: no password (by default every one recorded with {@link TestSecrets}) in the
 * service's captured log, in a response or in a published record (value and headers); no ciphertext in the log or a
 * response (events may carry ciphertext, sealed, by design). Build one, then {@link #assertNoneLeaked()}.
 */
public final class SecretLeakCheck {

    private final Path log;
    private final String logMarker;
    private List<String> passwords;
    private final List<String> ciphertexts = new ArrayList<>();
    private final StringBuilder responses = new StringBuilder();
    private final StringBuilder published = new StringBuilder();
    private boolean expectResponses;

    private SecretLeakCheck(Path log, String logMarker) {
        this.log = log;
        this.logMarker = logMarker;
    }

    /** A service's test log, where each module's {@code %test.quarkus.log.file.path} puts it. */
    public static Path testLog(String service) {
        return Path.of("target", service + "-test.log");
    }

    /**
     * @param log       the service log the suite captured
     * @param logMarker a text that shows the log is the service's own (not an empty or foreign file)
     */
    public static SecretLeakCheck inLog(Path log, String logMarker) {
        return new SecretLeakCheck(log, logMarker);
    }

    /** Only these passwords instead of every recorded one; each must have been recorded too. */
    public SecretLeakCheck passwords(List<String> used) {
        this.passwords = List.copyOf(used);
        return this;
    }

    public SecretLeakCheck ciphertexts(List<String> sealed) {
        ciphertexts.addAll(sealed);
        return this;
    }

    /** The response bodies the suite received; at least one must have been recorded. */
    public SecretLeakCheck responses(String bodies) {
        responses.append(bodies);
        expectResponses = true;
        return this;
    }

    /** Records the service published (passwords must not be in them; ciphertexts may). */
    public SecretLeakCheck records(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                published.append(new String(record.value(), StandardCharsets.UTF_8));
            }
            for (Header header : record.headers()) {
                published.append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return this;
    }

    /** Every record on these topics, as the client has read them. */
    public SecretLeakCheck records(KafkaTestClient kafka, String... topics) {
        for (String topic : topics) {
            records(kafka.records(topic));
        }
        return this;
    }

    /**
     * The sealed passwords of the profiles published on mailoo.mail-profiles.v1 whose ref starts with
     * {@code refPrefix} (e.g. {@code "offer-generator:"}): they belong in the event, never in the log or a response.
     * At least one must have been published.
     */
    public SecretLeakCheck sealedProfiles(KafkaTestClient kafka, String refPrefix) {
        List<String> sealed = kafka.events(Topics.MAIL_PROFILES, MailProfileChanged.class).stream()
                .filter(p -> p.profileRef().startsWith(refPrefix) && p.smtp() != null && p.smtp().password() != null)
                .map(p -> p.smtp().password().ciphertext()).toList();
        assertFalse(sealed.isEmpty(), "sealed " + refPrefix + " profiles were published");
        return ciphertexts(sealed);
    }

    public void assertNoneLeaked() throws IOException {
        List<String> checked = passwords == null ? TestSecrets.all() : passwords;
        assertFalse(checked.isEmpty(), "the suite recorded the passwords it used");
        assertTrue(TestSecrets.all().containsAll(checked), "every password was recorded");
        assertTrue(Files.exists(log), "the service log was captured at " + log);
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(logText.contains(logMarker), "the captured log is the service's");
        assertFalse(expectResponses && responses.isEmpty(), "responses were recorded");
        for (String password : checked) {
            assertFalse(logText.contains(password), "a password is in the service log");
            assertFalse(responses.indexOf(password) >= 0, "a password is in a response");
            assertFalse(published.indexOf(password) >= 0, "a password is in a published record");
        }
        for (String ciphertext : ciphertexts) {
            assertFalse(logText.contains(ciphertext), "a ciphertext is in the service log");
            assertFalse(responses.indexOf(ciphertext) >= 0, "a ciphertext is in a response");
        }
    }
}
