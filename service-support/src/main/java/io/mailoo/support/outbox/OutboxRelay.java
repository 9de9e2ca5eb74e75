package io.mailoo.support.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.VersionedRemovals;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox in creation order until it is empty. A drain starts the moment a transaction that added
 * events commits (PostgreSQL NOTIFY, see {@link OutboxCommitListener}) and, as the safety net, on every poll tick.
 * Each page is taken in a transaction that first takes a transaction-scoped advisory lock: one replica relays at a
 * time, so no row is published twice and the order holds. A drain locked out by another replica tries again
 * {@value #LOCKED_OUT_RETRY_MS} ms later (for up to a poll interval): the other replica's page may have been read before
 * this replica's event committed, and a table without the NOTIFY trigger tells only the replica that wrote it. The page
 * is marked published only after Kafka acknowledged every record: at least once, never lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int PAGE = 500;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    /** Any constant: each service has a database of its own, so the lock only ever meets that service's replicas. */
    private static final long RELAY_LOCK = 0x6d61696c6f6f4f42L;

    static final long LOCKED_OUT_RETRY_MS = 20;
    private static final int LOCKED_OUT = -1;

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";
    /**
     * At most {@value #PAGE} events and, after the first, no more than {@code mailoo.outbox.page-bytes} of payload: the
     * sizes are summed from the rows (TOAST keeps them beside the pointer) and only the events within the budget are
     * fetched, so a run of large mails (a 256 KB welcome template) never loads hundreds of MB into a small heap.
     * {@code candidates} tells the relay whether the budget cut the page short (more are waiting).
     */
    private static final String PAGE_QUERY = "WITH page AS (SELECT id, created_at, "
            + "sum(octet_length(payload)) OVER (ORDER BY created_at, id ROWS UNBOUNDED PRECEDING) "
            + "- COALESCE(octet_length(payload), 0) AS bytes_before "
            + "FROM outbox_event WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1) "
            + "SELECT e.id, e.topic, e.message_key, e.ce_type, e.payload, e.removed_version, e.created_at, "
            + "(SELECT count(*) FROM page) AS candidates "
            + "FROM page JOIN outbox_event e ON e.id = page.id "
            + "WHERE COALESCE(page.bytes_before, 0) < $2 ORDER BY page.created_at, page.id";
    private static final String MARK = "UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)";

    @Inject
    @Channel("outbox")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<Record<String, byte[]>> emitter;

    @Inject
    Pool pool;

    @Inject
    Scheduler scheduler;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "mailoo.outbox.poll-interval", defaultValue = "1s")
    Duration pollInterval;

    /** Payload bytes one page may load (the first event of a page is taken whatever its size). */
    @ConfigProperty(name = "mailoo.outbox.page-bytes", defaultValue = "4194304")
    long pageBytes;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Retries left after being locked out; reset whenever a drain gets the lock. */
    private final AtomicInteger lockedOutRetries = new AtomicInteger();
    private int lockedOutRetryBudget;

    // Not before the application has started: until then the outbox channel is not connected and the emitter
    // cannot be injected (SRMSG00019), which failed every tick of a slow start with a stack trace.
    @Scheduled(every = "${mailoo.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        drain();
    }

    /**
     * Starts a drain unless one runs; a drain asked for while one runs makes it go round once more, so an event
     * committed during a drain never waits for the next tick. Paused with the scheduler (tests hold the outbox so).
     */
    public void drain() {
        if (!scheduler.isRunning()) {
            return;
        }
        again.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        drainUntilEmpty().subscribe().with(this::finished, f -> {
            LOG.warnf("Outbox relay will retry: %s", f); // a timeout has no message
            finished(0);
        });
    }

    private void finished(int lastPage) {
        draining.set(false);
        if (lastPage == LOCKED_OUT) {
            if (lockedOutRetries.getAndDecrement() > 0) {
                vertx.setTimer(LOCKED_OUT_RETRY_MS, id -> drain());
                return;
            }
        } else {
            lockedOutRetries.set(lockedOutRetryBudget);
        }
        if (again.get()) {
            drain();
        }
    }

    @PostConstruct
    void init() {
        // enough retries to cover a poll interval, after which the poll takes over
        lockedOutRetryBudget = (int) Math.max(1, pollInterval.toMillis() / LOCKED_OUT_RETRY_MS);
        lockedOutRetries.set(lockedOutRetryBudget);
    }

    /** What one page did: events published ({@link #LOCKED_OUT} when another replica held the lock), and whether more
     * were waiting behind it (the page was full, by count or by bytes). */
    private record Page(int published, boolean more) {
    }

    /** The size of the last page, or {@link #LOCKED_OUT}. */
    private Uni<Integer> drainUntilEmpty() {
        return page().chain(page -> page.more() ? drainUntilEmpty() : Uni.createFrom().item(page.published()));
    }

    /** One page in one transaction under the relay lock; the number of events published (0 when locked out). */
    public Uni<Integer> publishPage() {
        return page().map(page -> Math.max(page.published(), 0));
    }

    private Uni<Page> page() {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("locked") ? publishPage(connection)
                        : Uni.createFrom().item(new Page(LOCKED_OUT, false))));
    }

    private Uni<Page> publishPage(SqlConnection connection) {
        return connection.preparedQuery(PAGE_QUERY).execute(Tuple.of(PAGE, pageBytes)).chain(rows -> {
            List<OutboxEvent> page = new ArrayList<>();
            long candidates = 0;
            for (Row row : rows) {
                page.add(event(row));
                candidates = row.getLong("candidates");
            }
            if (page.isEmpty()) {
                return Uni.createFrom().item(new Page(0, false));
            }
            boolean more = candidates == PAGE || page.size() < candidates;
            UUID[] ids = page.stream().map(e -> e.id).toArray(UUID[]::new);
            return send(page).chain(() -> connection.preparedQuery(MARK).execute(Tuple.of(ids)))
                    .replaceWith(new Page(page.size(), more));
        });
    }

    private static OutboxEvent event(Row row) {
        OutboxEvent e = new OutboxEvent();
        e.id = row.getUUID("id");
        e.topic = row.getString("topic");
        e.messageKey = row.getString("message_key");
        e.ceType = row.getString("ce_type");
        e.payload = row.getBuffer("payload") == null ? null : row.getBuffer("payload").getBytes();
        e.removedVersion = row.getLong("removed_version");
        e.createdAt = row.getOffsetDateTime("created_at").toInstant();
        return e;
    }

    private Uni<Void> send(List<OutboxEvent> page) {
        List<Uni<Void>> sends = page.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent event) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> kafka = OutgoingKafkaRecordMetadata
                .<String>builder().withTopic(event.topic);
        if (event.removedVersion != null) {
            kafka = kafka.withHeaders(new RecordHeaders().add(Topics.REMOVED_VERSION_HEADER,
                    VersionedRemovals.header(event.removedVersion)));
        }
        Message<Record<String, byte[]>> message = Message.of(Record.of(event.messageKey, event.payload))
                .addMetadata(kafka.build());
        if (event.payload != null && event.ceType != null) {
            message = message.addMetadata(OutgoingCloudEventMetadata.builder().withId(event.id.toString())
                    .withType(event.ceType).withSource(URI.create("/mailoo/" + applicationName))
                    .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC))
                    .withDataContentType("application/json").build());
        }
        return emitter.sendMessage(message).ifNoItem().after(SEND_TIMEOUT).fail();
    }

}
