package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.MeteredSmtpServer;
import io.mailoo.dispatch.support.Profiles;
import io.mailoo.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A lease held by a process whose heartbeat stopped (killed with SIGKILL) is taken by this process's poller at once,
 * long before the lease would run out; a lease of a process that still beats, or of one that never wrote a heartbeat
 * (an older version during a rolling upgrade), is left alone until it runs out. Each mail is made due and leased for an
 * hour to a stranger in PostgreSQL, exactly as a dead replica would leave it.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
class DeadInstanceTakeoverTest {

    static MeteredSmtpServer server;
    static KafkaTestClient kafka;
    /** Until set, every DATA is answered 451, so each mail waits DEFERRED and can be handed to a "dead" process. */
    static final AtomicBoolean accept = new AtomicBoolean();

    @Inject
    Pool pool;

    @BeforeAll
    static void start() throws Exception {
        server = new MeteredSmtpServer((id, n) -> accept.get() ? "250 2.0.0 Ok" : "451 4.3.0 try later",
                Duration.ZERO);
        kafka = new KafkaTestClient(Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        server.close();
    }

    @Test
    void aDeadProcessesLeaseIsTakenAtOnceALiveOrUnknownOnesIsNot() {
        String ref = newRef();
        kafka.send(Topics.MAIL_PROFILES, ref, Profiles.profile(ref, 1, server.port(), SmtpSecurity.NONE, null, null,
                "shop@tenant.test", "Shop", null));
        SendMailRequested dead = request(ref, 1, MailPurpose.WELCOME, "a@customer.test", "held by a dead process");
        SendMailRequested alive = request(ref, 1, MailPurpose.WELCOME, "b@customer.test", "held by a live process");
        SendMailRequested unknown = request(ref, 1, MailPurpose.WELCOME, "c@customer.test", "held by an old version");
        for (SendMailRequested r : new SendMailRequested[] { dead, alive, unknown }) {
            kafka.send(Topics.MAIL_REQUESTS, ref, r);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEFERRED".equals(status(dead))
                && "DEFERRED".equals(status(alive)) && "DEFERRED".equals(status(unknown)));

        UUID deadInstance = UUID.randomUUID();
        UUID liveInstance = UUID.randomUUID();
        sql("INSERT INTO dispatch_instance (instance_id, started_at, heartbeat_at) VALUES "
                + "($1, now() - interval '1 hour', now() - interval '1 minute'), ($2, now(), now() + interval '1 hour')",
                Tuple.of(deadInstance, liveInstance));
        accept.set(true);
        leaseForAnHour(dead, deadInstance);
        leaseForAnHour(alive, liveInstance);
        leaseForAnHour(unknown, UUID.randomUUID());

        // the poller runs every second: the dead process's mail goes within a few of them
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(dead)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> "DEFERRED".equals(status(alive)) && "DEFERRED".equals(status(unknown)));
        assertEquals(1, server.attempts().stream().filter(MeteredSmtpServer.Attempt::accepted).count(),
                "only the dead process's mail was sent");
    }

    private void leaseForAnHour(SendMailRequested r, UUID owner) {
        sql("UPDATE dispatch_message SET next_attempt_at = now(), lease_owner = $2, "
                + "lease_until = now() + interval '1 hour' WHERE message_id = $1", Tuple.of(r.messageId(), owner));
    }

    private String status(SendMailRequested r) {
        var rows = pool.preparedQuery("SELECT status FROM dispatch_message WHERE message_id = $1")
                .execute(Tuple.of(r.messageId())).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? "" : rows.iterator().next().getString("status");
    }

    private void sql(String statement, Tuple args) {
        pool.preparedQuery(statement).execute(args).await().atMost(Duration.ofSeconds(10));
    }
}
