package io.mailoo.support.mail;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends an SMTP_TEST request straight to mailoo.mail-requests.v1 (a test persists nothing, so no outbox) and waits
 * for its result on mailoo.mail-results.v1, read by every replica through its own consumer group
 * ({@code mail-results-broadcast}). Empty item = no answer in time.
 */
@ApplicationScoped
public class SmtpTestRoundTrip {

    private final Map<UUID, CompletableFuture<MailDispatchResult>> pending = new ConcurrentHashMap<>();

    @Inject
    @Channel("smtp-tests")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<byte[]> requests;

    @ConfigProperty(name = "mailoo.smtp-test.timeout", defaultValue = "PT20S")
    Duration timeout;

    /** This service's name, the source.service of the tests it sends. */
    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Publishes the request and completes with its final result, or with null when none came within the timeout. */
    public Uni<MailDispatchResult> send(SendMailRequested request) {
        CompletableFuture<MailDispatchResult> future = new CompletableFuture<>();
        pending.put(request.messageId(), future);
        Message<byte[]> message = Message.of(EventCodec.encode(request)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(request.profileRef()).build());
        return requests.sendMessage(message)
                .chain(() -> Uni.createFrom().completionStage(future))
                .ifNoItem().after(timeout).recoverWithItem(() -> null)
                .eventually(() -> pending.remove(request.messageId()));
    }

    /** A poll's worth of results at once (batch=true on the channel): nearly all are skipped by their header. */
    @Incoming("mail-results-broadcast")
    public void onResults(ConsumerRecords<String, byte[]> records) {
        if (pending.isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            onResult(record);
        }
    }

    void onResult(ConsumerRecord<String, byte[]> record) {
        if (pending.isEmpty() || MailResultRecords.fromAnotherService(record, service)) {
            return;
        }
        MailDispatchResult result = MailResultRecords.decode(record);
        CompletableFuture<MailDispatchResult> future = result == null ? null : pending.get(result.messageId());
        if (future != null && result.status().isFinal()) {
            future.complete(result);
        }
    }
}
