package io.mailoo.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.json.EventCodec;

/**
 * A plain Kafka client against the real test broker: publishes records, and records every record published on the
 * watched topics from the moment it was created.
 */
public final class KafkaTestClient implements AutoCloseable {

    public static final String BOOTSTRAP = System.getenv().getOrDefault("MAILOO_TEST_KAFKA", "127.0.0.1:19092");

    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerRecord<String, byte[]>> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaTestClient(String... watchedTopics) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-client-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : watchedTopics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is published
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                }
            }
        }, "test-kafka-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * A client watching a topic of the test's own (one partition), created first if missing: a consumer assigned
     * before its topic exists would watch no partition.
     */
    public static KafkaTestClient onOwnTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        return new KafkaTestClient(topic);
    }

    public void send(String topic, String key, byte[] value) {
        publish(topic, key, value, Map.of());
    }

    public void send(String topic, String key, Object event) {
        send(topic, key, event == null ? null : EventCodec.encode(event));
    }

    /** A record with headers, e.g. the mailoo-source-service / mailoo-error-code headers dispatch puts on results. */
    public void send(String topic, String key, Object event, Map<String, String> headers) {
        publish(topic, key, event == null ? null : EventCodec.encode(event), headers);
    }

    private void publish(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Records seen on one topic, in arrival order. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return received.stream().filter(r -> topic.equals(r.topic())).toList();
    }

    /** Results (from mailoo.mail-results.v1, if watched) for one message. */
    public List<MailDispatchResult> resultsFor(UUID messageId) {
        return records(io.mailoo.contracts.Topics.MAIL_RESULTS).stream()
                .map(r -> EventCodec.decode(r.value(), MailDispatchResult.class))
                .filter(r -> messageId.equals(r.messageId())).toList();
    }

    /** Decoded values of one topic (tombstones left out). */
    public <T> List<T> events(String topic, Class<T> type) {
        return records(topic).stream().filter(r -> r.value() != null)
                .map(r -> EventCodec.decode(r.value(), type)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
        producer.close();
    }
}
