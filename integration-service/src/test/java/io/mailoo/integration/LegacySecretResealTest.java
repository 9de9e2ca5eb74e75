package io.mailoo.integration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.integration.service.LegacySecretReseal;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.LegacySealedSecrets;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A password stored sealed the old way (the profileRef alone) is re-sealed for its server, republished as a new
 * profile version through the outbox, and mail still goes out through the real dispatcher (which opens only the
 * new binding).
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class LegacySecretResealTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);

    static KafkaTestClient kafka;
    static TenantSmtp smtp;

    @Inject
    LegacySecretReseal reseal;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.MAIL_PROFILES);
        smtp = new TenantSmtp("reseal");
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        smtp.close();
    }

    @Test
    void aPasswordSealedTheOldWayIsResealedForItsServerRepublishedAndStillSends() throws Throwable {
        Api owner = Api.as("owner-reseal");
        String project = owner.project("Reseal");
        String id = owner.integration(project, "CONTACT_FORM", "Contact").get("id");
        owner.saveOutboundMail(project, id, smtp.settings()).then().statusCode(200);
        String ref = "integration:" + id;
        UUID integrationId = UUID.fromString(id);
        SealedSecret legacy = LegacySealedSecrets.seal(smtp.password, ref);
        assertEquals(1, Database.update("update outbound_mail set password_key_id = ?, password_ciphertext = ?, "
                + "password_binding_version = 1 where integration_id = ?", legacy.keyId(), legacy.ciphertext(),
                integrationId));

        assertEquals(1, reseal.runNow());
        assertEquals(0, reseal.runNow(), "a re-sealed row is left alone");

        assertEquals("2", Database.column("select password_binding_version from outbound_mail "
                + "where integration_id = ?", integrationId).get(0));
        String stored = Database.column("select password_ciphertext from outbound_mail where integration_id = ?",
                integrationId).get(0);
        assertNotEquals(legacy.ciphertext(), stored);
        MailProfileChanged republished = await().atMost(WAIT).until(() -> kafka.events(Topics.MAIL_PROFILES,
                MailProfileChanged.class).stream().filter(e -> e.profileRef().equals(ref) && e.version() == 2)
                .findFirst().orElse(null), e -> e != null);
        SecretBinding binding = SecretBinding.smtpPassword(ref, republished.smtp());
        assertEquals(smtp.password, CIPHER.open(republished.smtp().password(), binding));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(legacy, binding), "the old seal is not accepted");
        owner.get(Api.integration(project, id)).then().statusCode(200)
                .body("config.outboundMail.profileVersion", equalTo(2))
                .body("config.outboundMail.hasSmtpPassword", equalTo(true));

        // the real dispatcher sends through the re-sealed profile version
        Instant now = Instant.now();
        String subject = "After the re-seal " + UUID.randomUUID();
        kafka.send(Topics.MAIL_REQUESTS, ref, new SendMailRequested(UUID.randomUUID(), ref, 2,
                MailPurpose.INBOUND_REPLY, project, new MailSource("reseal-test", "test", id),
                List.of("buyer@customer.test"), null, null, null, subject, "Still sending", null, Map.of(), null, now,
                now.plusSeconds(600)));
        await().atMost(WAIT).until(() -> smtp.received().stream().anyMatch(m -> subject(m).equals(subject)));
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
