package io.mailoo.bench.orders;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies (µs, HdrHistogram) and answers by status of one phase. */
final class Stats {

    final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    /**
     * The same latencies by the second each order was due in (from {@link #start}): tells a tail spread over the
     * whole run (a saturated machine) from one made in a few seconds (a collection, a checkpoint, a rebalance).
     */
    private final Map<Long, Histogram> bySecond = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    final LongAdder created = new LongAdder();
    final AtomicLong lastCompletion = new AtomicLong();
    volatile long start;
    volatile long lastSend;
    volatile long sent;

    void record(long startNanos, long endNanos, OrderClient.Outcome outcome) {
        long micros = Math.max(0, (endNanos - startNanos) / 1_000);
        latencyMicros.recordValue(micros);
        bySecond.computeIfAbsent(Math.max(0, (startNanos - start) / 1_000_000_000L),
                k -> new ConcurrentHistogram(3_600_000_000L, 2)).recordValue(micros);
        String key = outcome.status() < 0 ? "io:" + outcome.error() : Integer.toString(outcome.status());
        byStatus.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (outcome.status() == 201) {
            created.increment();
        }
        lastCompletion.accumulateAndGet(endNanos, Math::max);
    }

    long errors() {
        return byStatus.entrySet().stream().filter(e -> !e.getKey().equals("201"))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    String statuses() {
        Map<String, Long> sorted = new TreeMap<>();
        byStatus.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append(':').append(v));
        return b.toString();
    }

    /** "p99 ms by second: 12 14 250 …", one figure per second of the phase, in order. */
    String p99BySecond() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(bySecond).values().forEach(h -> b.append(b.length() == 0 ? "" : " ")
                .append(Math.round(h.getValueAtPercentile(99) / 1000.0)));
        return b.toString();
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format("%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    static String maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : String.format("%.1f", h.getMaxValue() / 1000.0);
    }
}
