package io.mailoo.support.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes the outbox in creation order: reads a page, sends it (each record to its own topic and key, as a
 * binary-mode CloudEvent), waits for Kafka's acknowledgements, then marks the page published. If Kafka is down the
 * page stays unpublished and is tried again: at least once, never lost. Consumers are idempotent (messageId,
 * versions).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int PAGE = 200;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @Channel("outbox")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<Record<String, byte[]>> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    // Not before the application has started: until then the outbox channel is not connected and the emitter
    // cannot be injected (SRMSG00019), which failed every tick of a slow start with a stack trace.
    @Scheduled(every = "${mailoo.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> OutboxEvent.<OutboxEvent>find("publishedAt is null order by createdAt")
                .page(0, PAGE).list())
                .chain(page -> page.isEmpty() ? Uni.createFrom().voidItem()
                        : send(page).emitOn(runnable -> context.runOnContext(v -> runnable.run()))
                                .chain(() -> markPublished(page.stream().map(e -> e.id).toList())))
                .onFailure().invoke(f -> LOG.warnf("Outbox relay will retry: %s", f)) // a timeout has no message
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> send(List<OutboxEvent> page) {
        List<Uni<Void>> sends = page.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent event) {
        Message<Record<String, byte[]>> message = Message.of(Record.of(event.messageKey, event.payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(event.topic).build());
        if (event.payload != null && event.ceType != null) {
            message = message.addMetadata(OutgoingCloudEventMetadata.builder().withId(event.id.toString())
                    .withType(event.ceType).withSource(URI.create("/mailoo/" + applicationName))
                    .withTimestamp(event.createdAt.atZone(java.time.ZoneOffset.UTC))
                    .withDataContentType("application/json").build());
        }
        return emitter.sendMessage(message).ifNoItem().after(SEND_TIMEOUT).fail();
    }

    private Uni<Void> markPublished(List<UUID> ids) {
        return Panache.withTransaction(() -> OutboxEvent.update("publishedAt = ?1 where id in ?2", Instant.now(), ids))
                .replaceWithVoid();
    }
}
