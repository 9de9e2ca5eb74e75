package io.mailoo.bench.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads mailoo.mail-results.v1 from its end (positioned before the first order is placed), without a consumer
 * group, and remembers when each of market-service's order confirmations got a final result (anything but
 * DEFERRED), keyed by order id ({@code source.entityId}). Other services' results are skipped by their header.
 */
final class SentFollower implements AutoCloseable {

    static final String TOPIC = "mailoo.mail-results.v1";
    private static final String SOURCE_HEADER = "mailoo-source-service";

    record Result(String status, String errorCode, long receivedNanos) {
    }

    private final Map<String, Result> finals = new ConcurrentHashMap<>();
    private final LongAdder deferred = new LongAdder();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    SentFollower(String bootstrap) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-bench");
        thread = new Thread(() -> follow(p), "order-bench-results");
        thread.setDaemon(true);
        thread.start();
        if (!positioned.await(30, TimeUnit.SECONDS) || failure != null) {
            throw new IllegalStateException("could not position a consumer on " + TOPIC + " at " + bootstrap,
                    failure);
        }
    }

    private void follow(Properties p) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(20)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before any order is placed
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    onRecord(r);
                }
            }
        } catch (Exception e) {
            failure = e;
            positioned.countDown();
        }
    }

    private void onRecord(ConsumerRecord<String, byte[]> r) {
        long now = System.nanoTime();
        Header source = r.headers().lastHeader(SOURCE_HEADER);
        if (r.value() == null || source != null
                && !"market-service".equals(new String(source.value(), StandardCharsets.UTF_8))) {
            return;
        }
        JsonNode v = Json.parse(r.value());
        String orderId = v.path("source").path("entityId").asText(null);
        String status = v.path("status").asText();
        if (orderId == null) {
            return;
        }
        if ("DEFERRED".equals(status)) {
            deferred.increment();
            return;
        }
        finals.putIfAbsent(orderId, new Result(status, v.path("errorCode").asText(null), now));
    }

    /** Waits (up to the timeout) for a final result of every order in {@code due}, then prints order → SENT. */
    void report(Map<String, Long> due, int timeoutSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        long limit = t0 + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < limit && !due.keySet().stream().allMatch(finals::containsKey)) {
            Thread.sleep(200);
        }
        Histogram sent = new Histogram(3_600_000_000L, 3);
        Map<String, Long> statuses = new TreeMap<>();
        long missing = 0;
        for (Map.Entry<String, Long> e : due.entrySet()) {
            Result r = finals.get(e.getKey());
            if (r == null) {
                missing++;
                continue;
            }
            statuses.merge(r.errorCode() == null ? r.status() : r.status() + "/" + r.errorCode(), 1L, Long::sum);
            if ("SENT".equals(r.status())) {
                sent.recordValue(Math.max(0, (r.receivedNanos() - e.getValue()) / 1_000));
            }
        }
        StringBuilder s = new StringBuilder();
        statuses.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append(':').append(v));
        System.out.printf("  order → SENT (due → result on %s): p50 %s ms, p99 %s ms, max %s ms; final results: %s;"
                + " without a result after %d s: %d; DEFERRED seen: %d%n", TOPIC, Stats.ms(sent, 50),
                Stats.ms(sent, 99), Stats.maxMs(sent), s.length() == 0 ? "none" : s, timeoutSeconds, missing,
                deferred.sum());
        System.out.println("BENCH sent.p50_ms=" + Stats.ms(sent, 50));
        System.out.println("BENCH sent.p99_ms=" + Stats.ms(sent, 99));
        System.out.println("BENCH sent.max_ms=" + Stats.maxMs(sent));
        System.out.println("BENCH sent.count=" + sent.getTotalCount());
        System.out.println("BENCH sent.statuses=" + s);
        System.out.println("BENCH sent.missing=" + missing);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
