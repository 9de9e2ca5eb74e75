package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.service.MessageLeases;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.MeteredSmtpServer;
import io.mailoo.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A send slower than the lease keeps its lease: the SMTP server holds its reply to DATA for more than three leases
 * (3 s), and all that time the row stays leased to this instance, with lease_until in the future and moving on.
 * Without renewal the lease would run out after 3 s and any replica's poller could send the message again.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mailoo.dispatch.lease", value = "PT3S"),
        @ResourceArg(name = "mailoo.dispatch.send-timeout", value = "PT30S") })
class LeaseRenewalTest {

    private static final Duration REPLY_DELAY = Duration.ofSeconds(10);

    static MeteredSmtpServer slowServer;
    static KafkaTestClient kafka;

    @Inject
    Pool pool;

    @Inject
    MessageLeases leases;

    @BeforeAll
    static void start() throws Exception {
        slowServer = new MeteredSmtpServer((id, n) -> "250 2.0.0 Ok: slowly queued", REPLY_DELAY);
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        slowServer.close();
    }

    private record LeaseRow(String status, UUID owner, OffsetDateTime until, OffsetDateTime dbNow) {
    }

    private LeaseRow lease(UUID messageId) {
        Row row = pool.preparedQuery("SELECT status, lease_owner, lease_until, now() AS db_now FROM dispatch_message "
                + "WHERE message_id = $1").execute(Tuple.of(messageId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        return new LeaseRow(row.getString("status"), row.getUUID("lease_owner"),
                row.getOffsetDateTime("lease_until"), row.getOffsetDateTime("db_now"));
    }

    @Test
    void aSendSlowerThanTheLeaseKeepsItsLeaseUntilItsOutcomeIsWritten() {
        String ref = newRef();
        MailProfileChanged profile = new MailProfileChanged(ref, "project-test", 1,
                new SmtpServer("127.0.0.1", slowServer.port(), SmtpSecurity.NONE, null, null),
                new Sender("slow@tenant.test", "Slow"), null, new ProfileLimits(1, 600));
        kafka.send(Topics.MAIL_PROFILES, ref, profile);
        SendMailRequested request = request(ref, 1, MailPurpose.WELCOME, "reader@customer.test", "Slow one");
        kafka.send(Topics.MAIL_REQUESTS, ref, request);

        await().atMost(Duration.ofSeconds(30)).until(() -> slowServer.waitingForReply() == 1);
        List<OffsetDateTime> seen = new CopyOnWriteArrayList<>();
        // through most of the 10 s the server holds its reply: always leased to us, never run out
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    LeaseRow row = lease(request.messageId());
                    seen.add(row.until());
                    return slowServer.waitingForReply() == 1 ? "QUEUED".equals(row.status())
                            && leases.instanceId().equals(row.owner()) && row.until().isAfter(row.dbNow())
                            : true;
                });
        assertTrue(seen.get(seen.size() - 1).isAfter(seen.get(0).plusSeconds(3)),
                "lease_until moved on while the send ran: first " + seen.get(0) + ", last " + seen.get(seen.size() - 1));

        MailDispatchResult result = await().atMost(Duration.ofSeconds(20)).until(() -> kafka.resultsFor(
                request.messageId()).stream().filter(r -> r.status().isFinal()).findFirst().orElse(null),
                r -> r != null);
        assertEquals(MailStatus.SENT, result.status());
        assertEquals(1, slowServer.attempts().size(), "sent exactly once");
        LeaseRow done = lease(request.messageId());
        assertEquals("SENT", done.status());
        assertNull(done.owner(), "the written outcome ends the lease");
        assertNull(done.until());
        await().atMost(Duration.ofSeconds(5)).until(() -> !leases.holds(request.messageId()));
    }
}
