package io.mailoo.dispatch.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.service.FailureDescription;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes results on mailoo.mail-results.v1, keyed by profileRef, as binary-mode CloudEvents (ce_* headers).
 * A plain Kafka producer on one thread of its own, not a messaging emitter: at thousands of results a second the
 * emitter's per-message stream and context propagation cost more than the send (measured with JFR, see
 * docs/benchmarks.md). The thread keeps results in order and keeps send() off the event loops, where a broker that
 * is away would block it.
 */
@ApplicationScoped
public class MailResultPublisher {

    private static final Logger LOG = Logger.getLogger(MailResultPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mail-results-publisher");
        thread.setDaemon(true);
        return thread;
    });

    /** @param kafka every {@code kafka.*} setting (bootstrap servers and, beyond one machine, SASL/TLS and login) */
    public MailResultPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Properties config = new Properties();
        kafka.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "mail-dispatch-results");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void publish(MailDispatchResult result) {
        publish(result, null);
    }

    /** As above; {@code acknowledged} runs (on the producer's thread) once Kafka has the record. */
    public void publish(MailDispatchResult result, Runnable acknowledged) {
        byte[] value = EventCodec.encode(result);
        sender.execute(() -> {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", CloudEventTypes.SPEC_VERSION);
            header(headers, "ce_id", UUID.randomUUID().toString());
            header(headers, "ce_type", CloudEventTypes.MAIL_DISPATCH_RESULT);
            header(headers, "ce_source", CloudEventTypes.SOURCE_MAIL_DISPATCH_SERVICE);
            header(headers, "ce_time", Instant.now().toString());
            header(headers, "content-type", "application/json");
            if (result.source() != null && result.source().service() != null) {
                header(headers, Topics.RESULT_SOURCE_SERVICE_HEADER, result.source().service());
            }
            if (result.errorCode() != null) {
                header(headers, Topics.RESULT_ERROR_CODE_HEADER, result.errorCode());
            }
            producer.send(new ProducerRecord<>(Topics.MAIL_RESULTS, null, result.profileRef(), value, headers),
                    (metadata, failure) -> {
                        if (failure != null) {
                            LOG.warnf("Could not publish the result of %s: %s", result.messageId(),
                                    FailureDescription.of(failure));
                        } else if (acknowledged != null) {
                            acknowledged.run();
                        }
                    });
        });
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
