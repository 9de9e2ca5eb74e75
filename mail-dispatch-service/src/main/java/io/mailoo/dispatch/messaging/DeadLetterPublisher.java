package io.mailoo.dispatch.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mailoo.contracts.json.EventCodec;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a request record that cannot be read as a SendMailRequested to mailoo.mail-requests.v1.dlq with headers
 * saying why and where it came from, so one bad record never blocks the partition. The value is stripped to the
 * routing fields ({@link #KEPT_FIELDS}): no inline profile (a sealed password), no subject or bodies, nothing a
 * tenant wrote; the original stays in the source topic until its retention ends.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    /** What of a poisoned request is kept: ids, routing, purpose and times. */
    static final List<String> KEPT_FIELDS = List.of("messageId", "profileRef", "minProfileVersion", "purpose",
            "projectUid", "source", "requestedAt", "expiresAt");
    /** A kept value longer than this is cut, so a field cannot carry a body into the DLQ. */
    static final int MAX_KEPT_CHARS = 200;

    @Inject
    @Channel("mail-requests-dlq")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<byte[]> emitter;

    /** Completes once the broker has the record, fails when it refused it (the caller then retries). */
    public CompletionStage<Void> deadLetter(String key, byte[] value, String topic, int partition, long offset,
            String reason) {
        LOG.warnf("Dead-lettering %s-%d@%d: %s", topic, partition, offset, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-original-bytes",
                Integer.toString(value == null ? 0 : value.length).getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> written = new CompletableFuture<>();
        emitter.send(Message.of(stripped(value))
                .withAck(() -> {
                    written.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    written.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers)
                        .build()));
        return written;
    }

    /** The routing fields of a JSON object, each scalar (or the source object's scalars) and cut short; else {}. */
    static byte[] stripped(byte[] value) {
        ObjectNode kept = EventCodec.mapper().createObjectNode();
        JsonNode tree = null;
        if (value != null && value.length > 0) {
            try {
                tree = EventCodec.mapper().readTree(value);
            } catch (IOException | RuntimeException notJson) {
                tree = null;
            }
        }
        if (tree != null && tree.isObject()) {
            for (String field : KEPT_FIELDS) {
                JsonNode node = tree.get(field);
                if (node == null) {
                    continue;
                }
                if (node.isValueNode()) {
                    kept.put(field, cut(node.asText()));
                } else if (node.isObject()) {
                    ObjectNode inner = kept.putObject(field);
                    node.fields().forEachRemaining(e -> {
                        if (e.getValue().isValueNode() && inner.size() < 8) {
                            inner.put(cut(e.getKey()), cut(e.getValue().asText()));
                        }
                    });
                }
            }
        }
        return EventCodec.encode(kept);
    }

    private static String cut(String text) {
        return text.length() <= MAX_KEPT_CHARS ? text : text.substring(0, MAX_KEPT_CHARS);
    }
}
