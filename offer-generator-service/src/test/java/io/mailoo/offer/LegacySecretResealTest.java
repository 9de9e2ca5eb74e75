package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.createGenerator;
import static io.mailoo.offer.support.OfferApi.generator;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.putSettings;
import static io.mailoo.offer.support.OfferApi.settings;
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
import io.mailoo.offer.service.LegacySecretReseal;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.LegacySealedSecrets;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A generator password stored sealed the old way (the profileRef alone) is re-sealed for its server, republished as
 * a new profile version through the outbox, and mail still goes out through the real dispatcher.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class LegacySecretResealTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);

    static TenantSmtp server;
    static String password;
    static KafkaTestClient kafka;

    @Inject
    LegacySecretReseal reseal;

    @Inject
    Pool pool;

    @BeforeAll
    static void start() {
        password = "reseal-pw-" + UUID.randomUUID();
        server = new TenantSmtp("offers", password);
        kafka = new KafkaTestClient(Topics.MAIL_PROFILES);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        kafka.close();
        server.close();
    }

    private String column(String sql, UUID generatorId) {
        return String.valueOf(pool.preparedQuery(sql).execute(Tuple.of(generatorId)).await().atMost(WAIT)
                .iterator().next().getValue(0));
    }

    @Test
    void aPasswordSealedTheOldWayIsResealedForItsServerRepublishedAndStillSends() throws Throwable {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String generatorId = createGenerator(owner, projectUid, null);
        putSettings(owner, projectUid, generatorId, settings(server, password, null)).then().statusCode(200);
        String ref = "offer-generator:" + generatorId;
        UUID id = UUID.fromString(generatorId);
        SealedSecret legacy = LegacySealedSecrets.seal(password, ref);
        pool.preparedQuery("update offer_mail_settings set password_key_id = $1, password_ciphertext = $2, "
                + "password_binding_version = 1 where generator_id = $3")
                .execute(Tuple.of(legacy.keyId(), legacy.ciphertext(), id)).await().atMost(WAIT);

        assertEquals(1, reseal.runNow());
        assertEquals(0, reseal.runNow(), "a re-sealed row is left alone");

        assertEquals("2", column("select password_binding_version from offer_mail_settings where generator_id = $1",
                id));
        assertNotEquals(legacy.ciphertext(),
                column("select password_ciphertext from offer_mail_settings where generator_id = $1", id));
        MailProfileChanged republished = await().atMost(WAIT).until(() -> kafka.events(Topics.MAIL_PROFILES,
                MailProfileChanged.class).stream().filter(e -> e.profileRef().equals(ref) && e.version() == 2)
                .findFirst().orElse(null), e -> e != null);
        SecretBinding binding = SecretBinding.smtpPassword(ref, republished.smtp());
        assertEquals(password, CIPHER.open(republished.smtp().password(), binding));
        assertThrows(SecretOpenException.class, () -> CIPHER.open(legacy, binding), "the old seal is not accepted");
        as(owner).get(generator(projectUid, generatorId) + "/mail-settings").then().statusCode(200)
                .body("version", equalTo(2)).body("smtp.hasSmtpPassword", equalTo(true));

        // the real dispatcher sends through the re-sealed profile version
        Instant now = Instant.now();
        String subject = "After the re-seal " + UUID.randomUUID();
        kafka.send(Topics.MAIL_REQUESTS, ref, new SendMailRequested(UUID.randomUUID(), ref, 2,
                MailPurpose.OFFER_DELIVERY, projectUid, new MailSource("reseal-test", "test", generatorId),
                List.of("buyer@customer.test"), null, null, null, subject, "Still sending", null, Map.of(), null, now,
                now.plusSeconds(600)));
        await().atMost(WAIT).until(() -> server.to("buyer@customer.test").stream()
                .anyMatch(m -> subject(m).equals(subject)));
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
