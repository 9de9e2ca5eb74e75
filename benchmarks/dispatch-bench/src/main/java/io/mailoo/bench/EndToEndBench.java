package io.mailoo.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.json.EventCodec;

/**
 * mail-dispatch-service end to end: P bench profiles pointing at smtp-sink are published on mailoo.mail-profiles.v1,
 * --warmup requests (at least one per profile) are sent and awaited, then N SendMailRequested are published on
 * mailoo.mail-requests.v1 and mailoo.mail-results.v1 is read (own consumer, assigned to every partition and positioned
 * at the end before anything is published) until every message has a final result.
 */
final class EndToEndBench {

    private static final String CE_SOURCE = "/mailoo/dispatch-bench";

    private final DispatchBench.Options o;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> profileRefs = new ArrayList<>();
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private final AtomicInteger undecodable = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicReference<Throwable> publishError = new AtomicReference<>();
    private final AtomicInteger publishErrors = new AtomicInteger();
    private volatile boolean stop;

    EndToEndBench(DispatchBench.Options o) {
        this.o = o;
        for (int i = 0; i < o.profiles; i++) {
            profileRefs.add("integration:bench-" + runId + "-" + i);
        }
    }

    int run() throws Exception {
        long deadline = System.currentTimeMillis() + o.timeoutSeconds * 1000L;
        String body = DispatchBench.body(o.size);
        System.out.printf("mail-dispatch-service end to end: run %s, %d profiles -> smtp-sink %s:%d, %d x %d bytes, "
                + "kafka %s%n", runId, o.profiles, o.sinkHost, o.sinkPort, o.messages, o.size, o.kafka);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
            // 1. results consumer at the end of every partition, before anything is published
            List<TopicPartition> tps = resultPartitions(consumer, deadline);
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            for (TopicPartition tp : tps) {
                consumer.position(tp, Duration.ofSeconds(30)); // forces the lazy seek now
            }
            Thread collector = new Thread(() -> collect(consumer), "bench-results");
            collector.setDaemon(true);
            collector.start();
            try {
                return measure(producer, body, deadline);
            } finally {
                stop = true;
                consumer.wakeup();
                collector.join(10_000);
                if (!o.keepProfiles) {
                    for (String ref : profileRefs) {
                        producer.send(new ProducerRecord<>(Topics.MAIL_PROFILES, ref, null));
                    }
                    producer.flush();
                    System.out.println("  bench profiles removed (tombstones on " + Topics.MAIL_PROFILES + ")");
                }
            }
        }
    }

    private int measure(KafkaProducer<String, byte[]> producer, String body, long deadline) throws Exception {
        // 2. profiles
        for (String ref : profileRefs) {
            MailProfileChanged p = new MailProfileChanged(ref, "bench-" + runId, 1,
                    new SmtpServer(o.sinkHost, o.sinkPort, SmtpSecurity.NONE, null, null),
                    new Sender("bench@mailoo.local", "Mailoo Bench"), null, new ProfileLimits(10, 1_000_000));
            producer.send(record(Topics.MAIL_PROFILES, ref, UUID.randomUUID().toString(),
                    CloudEventTypes.MAIL_PROFILE_CHANGED, EventCodec.encode(p)), this::onSent);
        }
        producer.flush();
        System.out.println("  published " + o.profiles + " profiles on " + Topics.MAIL_PROFILES);

        // 3. warm-up: --warmup requests (at least one per profile), as many as the bare client's warm-up, and wait for
        // their final results: every profile is then known and its client open, and the JIT of dispatch, the broker
        // and this harness has seen the path. One request per profile (before 2026-12-05) measured a cold JVM
        // against a warmed bare client.
        int warmups = Math.max(o.warmup, o.profiles);
        Phase warm = new Phase(warmups);
        phases.add(warm);
        warm.firstPublishMs = System.currentTimeMillis();
        for (int i = 0; i < warmups; i++) {
            publish(producer, warm, prepareRequest(profileRefs.get(i % o.profiles), i, "warm", body));
        }
        producer.flush();
        long warmDeadline = Math.min(deadline, System.currentTimeMillis() + 120_000);
        boolean warmDone = warm.latch.await(Math.max(1, warmDeadline - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
        System.out.printf("  warm-up: %s in %.1f s%s%n", warm.statusSummary(),
                (warm.lastResultMs - warm.firstPublishMs) / 1000.0,
                warmDone ? "" : " (INCOMPLETE: " + warm.latch.getCount() + " without a final result)");
        if (!warmDone) {
            printProblems(warm);
            DispatchBench.emit(Map.of("dispatch.complete", false, "dispatch.warmup", warm.statusSummary()));
            return 3;
        }
        if (warm.count(MailStatus.SENT) != warmups) {
            System.out.println("  warning: not every warm-up message was SENT; measuring anyway");
            printProblems(warm);
        }

        // 4. the measured run
        // The requests are encoded before the clock starts: the harness shares the cores with the system it
        // measures, and JSON-encoding N bodies inside the window would be charged to dispatch.
        List<PreparedRequest> requests = new ArrayList<>(o.messages);
        for (int i = 0; i < o.messages; i++) {
            requests.add(prepareRequest(profileRefs.get(i % o.profiles), i, "run", body));
        }
        Phase run = new Phase(o.messages);
        phases.add(run);
        run.firstPublishMs = System.currentTimeMillis();
        for (PreparedRequest request : requests) {
            publish(producer, run, request);
        }
        requests = null;
        producer.flush();
        long publishedMs = System.currentTimeMillis();
        System.out.printf("  published %d requests in %.2f s (%s msg/s into Kafka)%n", o.messages,
                (publishedMs - run.firstPublishMs) / 1000.0,
                DispatchBench.fmt(o.messages * 1000.0 / Math.max(1, publishedMs - run.firstPublishMs)));
        if (publishErrors.get() > 0) {
            System.out.println("  publish errors: " + publishErrors.get() + ", first: " + publishError.get());
        }

        // progress every 10 s until every message has a final result or the deadline passes
        boolean done = false;
        while (!done && System.currentTimeMillis() < deadline) {
            done = run.latch.await(Math.min(10_000, Math.max(1, deadline - System.currentTimeMillis())),
                    TimeUnit.MILLISECONDS);
            if (!done) {
                System.out.printf("  ... %d/%d final results after %.0f s (%s)%n", o.messages - run.latch.getCount(),
                        o.messages, (System.currentTimeMillis() - run.firstPublishMs) / 1000.0, run.statusSummary());
            }
        }
        stop = true;
        return report(run, done, publishedMs);
    }

    private int report(Phase run, boolean done, long publishedMs) {
        long finals = o.messages - run.latch.getCount();
        long endMs = done ? run.lastResultMs : System.currentTimeMillis();
        double secs = (endMs - run.firstPublishMs) / 1000.0;
        double rate = finals / secs;
        long[] lat = Arrays.copyOf(run.latencies, run.latencyCount.get());
        Arrays.sort(lat);
        long p50 = percentile(lat, 50);
        long p99 = percentile(lat, 99);
        long max = lat.length == 0 ? -1 : lat[lat.length - 1];
        System.out.printf("  %s: %d/%d final results in %.2f s -> %s msg/s%n", done ? "done" : "TIMEOUT", finals,
                o.messages, secs, DispatchBench.fmt(rate));
        System.out.printf("  latency published -> result received: p50 %d ms, p99 %d ms, max %d ms%n", p50, p99,
                max);
        System.out.println("  final statuses: " + run.statusSummary() + "; DEFERRED results seen: "
                + run.deferred.get());
        if (undecodable.get() > 0) {
            System.out.println("  undecodable result records: " + undecodable.get());
        }
        printProblems(run);
        Map<String, Object> m = DispatchBench.map();
        m.put("dispatch.run", runId);
        m.put("dispatch.messages", o.messages);
        m.put("dispatch.final", finals);
        m.put("dispatch.complete", done);
        m.put("dispatch.seconds", secs);
        m.put("dispatch.rate", rate);
        m.put("dispatch.publish_seconds", (publishedMs - run.firstPublishMs) / 1000.0);
        m.put("dispatch.p50_ms", p50);
        m.put("dispatch.p99_ms", p99);
        m.put("dispatch.max_ms", max);
        m.put("dispatch.statuses", run.statusSummary());
        m.put("dispatch.deferred_seen", run.deferred.get());
        m.put("dispatch.publish_errors", publishErrors.get());
        DispatchBench.emit(m);
        return done ? 0 : 3;
    }

    private void printProblems(Phase p) {
        if (!p.errorCodes.isEmpty()) {
            System.out.println("  errorCodes: " + p.errorCodes);
        }
        if (p.firstProblem.get() != null) {
            System.out.println("  first non-SENT result: " + p.firstProblem.get());
        }
    }

    private static long percentile(long[] sorted, int pct) {
        if (sorted.length == 0) {
            return -1;
        }
        int idx = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** One encoded request; its latency is counted from the moment it is handed to the producer. */
    private record PreparedRequest(UUID id, ProducerRecord<String, byte[]> record) {
    }

    private PreparedRequest prepareRequest(String ref, int i, String tag, String body) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        SendMailRequested r = new SendMailRequested(id, ref, 1, MailPurpose.WELCOME, "bench-" + runId,
                new MailSource("dispatch-bench", "bench-" + tag, runId), List.of("rcpt" + i + "@bench.local"), null,
                null, null, "Mailoo bench " + runId + " " + tag + " " + i, body, null, null, null, now,
                now.plus(Duration.ofHours(1)));
        return new PreparedRequest(id, record(Topics.MAIL_REQUESTS, ref, id.toString(),
                CloudEventTypes.SEND_MAIL_REQUESTED, EventCodec.encode(r)));
    }

    private void publish(KafkaProducer<String, byte[]> producer, Phase phase, PreparedRequest request) {
        phase.pending.put(request.id(), System.currentTimeMillis());
        producer.send(request.record(), this::onSent);
    }

    private void onSent(org.apache.kafka.clients.producer.RecordMetadata md, Exception e) {
        if (e != null) {
            publishErrors.incrementAndGet();
            publishError.compareAndSet(null, e);
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String ceId, String ceType,
            byte[] value) {
        RecordHeaders h = new RecordHeaders();
        h.add(new RecordHeader("ce_specversion", CloudEventTypes.SPEC_VERSION.getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader("ce_id", ceId.getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader("ce_type", ceType.getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader("ce_source", CE_SOURCE.getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, value, h);
    }

    /** Runs on its own thread: reads results and settles the pending messages of every phase. */
    private void collect(KafkaConsumer<String, byte[]> consumer) {
        try {
            while (!stop) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(100))) {
                    long receivedMs = System.currentTimeMillis();
                    if (rec.value() == null) {
                        continue;
                    }
                    MailDispatchResult res;
                    try {
                        res = EventCodec.decode(rec.value(), MailDispatchResult.class);
                    } catch (RuntimeException e) {
                        undecodable.incrementAndGet();
                        continue;
                    }
                    boolean ours = false;
                    for (Phase p : phases) {
                        if (p.accept(res, receivedMs)) {
                            ours = true;
                            break;
                        }
                    }
                    if (!ours) {
                        foreign.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        }
    }

    private static List<TopicPartition> resultPartitions(KafkaConsumer<String, byte[]> consumer, long deadline)
            throws InterruptedException {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.MAIL_RESULTS, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                        .collect(Collectors.toList());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("topic " + Topics.MAIL_RESULTS + " has no partitions");
            }
            Thread.sleep(500);
        }
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatch-bench-" + runId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false); // acks=1 is incompatible with idempotence
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return p;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-bench-results-" + runId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dispatch-bench-" + runId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** The messages of one phase (warm-up or measured run) and what came back for them. */
    static final class Phase {
        final ConcurrentHashMap<UUID, Long> pending = new ConcurrentHashMap<>();
        final CountDownLatch latch;
        final long[] latencies;
        final AtomicInteger latencyCount = new AtomicInteger();
        final Map<MailStatus, Integer> statuses = new EnumMap<>(MailStatus.class);
        final Map<String, Integer> errorCodes = new HashMap<>();
        final AtomicInteger deferred = new AtomicInteger();
        final AtomicReference<String> firstProblem = new AtomicReference<>();
        volatile long firstPublishMs;
        volatile long lastResultMs;

        Phase(int n) {
            latch = new CountDownLatch(n);
            latencies = new long[n];
        }

        /** Called only by the collector thread; false when the result is not one of this phase's messages. */
        boolean accept(MailDispatchResult res, long receivedMs) {
            if (res.messageId() == null) {
                return false;
            }
            Long requestedMs = pending.get(res.messageId());
            if (requestedMs == null) {
                return false;
            }
            MailStatus st = res.status();
            if (st == null || !st.isFinal()) {
                deferred.incrementAndGet();
                if (st == null || firstProblem.get() == null) {
                    firstProblem.compareAndSet(null, describe(res));
                }
                return true;
            }
            pending.remove(res.messageId());
            synchronized (this) {
                statuses.merge(st, 1, Integer::sum);
                if (res.errorCode() != null) {
                    errorCodes.merge(res.errorCode(), 1, Integer::sum);
                }
            }
            if (st != MailStatus.SENT) {
                firstProblem.compareAndSet(null, describe(res));
            }
            int i = latencyCount.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = receivedMs - requestedMs;
            }
            lastResultMs = receivedMs;
            latch.countDown();
            return true;
        }

        synchronized int count(MailStatus s) {
            return statuses.getOrDefault(s, 0);
        }

        synchronized String statusSummary() {
            if (statuses.isEmpty()) {
                return "none";
            }
            return statuses.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(","));
        }

        private static String describe(MailDispatchResult r) {
            return "status=" + r.status() + " errorCode=" + r.errorCode() + " attempt=" + r.attempt() + " smtp="
                    + r.smtp() + " nextAttemptAt=" + r.nextAttemptAt();
        }
    }
}
