package io.mailoo.bench.orders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open loop: orders are started at a fixed rate whatever the answers (the n-th at start + n/rate), so a slow
 * server meets the same offered load and its queueing shows in the latency, which is counted from the moment the
 * order was due (no coordinated omission). After the run it waits for every created order's result on
 * mailoo.mail-results.v1 and reports order → SENT from the same due time.
 */
final class FixedRateRun {

    /** Bounds the generator's memory if the server stops answering; orders not started are counted. */
    private static final int MAX_IN_FLIGHT = 20_000;

    private final Options o;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    private final LongAdder createdWithoutId = new LongAdder();
    /** The start of the first 201 body without an order id, printed with the count. */
    private final AtomicReference<String> firstWithoutId = new AtomicReference<>();
    private final LongAdder duplicateIds = new LongAdder();
    /** 201s whose body the client handed over empty; the order id came from Location. */
    private final LongAdder bodiesLost = new LongAdder();

    FixedRateRun(Options o) {
        this.o = o;
    }

    int run() throws Exception {
        try (SentFollower follower = new SentFollower(o.kafka); OrderClient client = new OrderClient(o)) {
            if (o.warmupSeconds > 0) {
                int ramp = Math.min(o.warmupRampSeconds, o.warmupSeconds);
                if (ramp > 0) {
                    System.out.printf("  warm-up: from %d to %d orders/s in %d s, then %d orders/s for %d s"
                            + " (not counted)%n", Math.max(1, o.rate / ramp), o.rate, ramp, o.rate,
                            o.warmupSeconds - ramp);
                } else {
                    System.out.printf("  warm-up: %d orders/s for %d s (not counted)%n", o.rate, o.warmupSeconds);
                }
                // a stack that has just started compiles its hot paths first: a step a second up to the rate, as a
                // load balancer's slow start would, so the compilers do not leave a backlog the measured seconds pay
                for (int second = 1; second <= ramp; second++) {
                    phase(client, 1, Math.max(1, o.rate * second / ramp), new Stats(), null);
                }
                phase(client, o.warmupSeconds - ramp, o.rate, new Stats(), null);
                drain();
            }
            awaitStartFile();
            Map<String, Long> due = new ConcurrentHashMap<>(o.rate * o.seconds * 2);
            Stats stats = new Stats();
            System.out.printf("  measuring: %d orders/s for %d s, open loop, up to %d connections%n", o.rate,
                    o.seconds, o.connections);
            phase(client, o.seconds, o.rate, stats, due);
            drain();
            report(stats);
            follower.report(due, o.sentTimeoutSeconds);
            return 0;
        }
    }

    private void phase(OrderClient client, int seconds, int rate, Stats stats, Map<String, Long> due) {
        long period = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        stats.start = start;
        long notStarted = 0;
        for (long i = 0; i < total; i++) {
            long at = start + i * period;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                notStarted++;
                continue;
            }
            inFlight.incrementAndGet();
            client.place(seq.incrementAndGet()).onComplete(ar -> {
                long end = System.nanoTime();
                OrderClient.Outcome outcome = ar.result();
                stats.record(at, end, outcome);
                if (due != null && outcome.status() == 201) {
                    // every 201 must name an order of its own: one without, or one named twice, is counted
                    if (outcome.orderId() == null) {
                        createdWithoutId.increment();
                        firstWithoutId.compareAndSet(null, outcome.error());
                    } else if (due.put(outcome.orderId(), at) != null) {
                        duplicateIds.increment();
                    }
                    if (OrderClient.BODY_LOST.equals(outcome.error())) {
                        bodiesLost.increment();
                    }
                }
                inFlight.decrementAndGet();
            });
            stats.sent++;
            stats.lastSend = System.nanoTime();
        }
        if (notStarted > 0) {
            stats.byStatus.computeIfAbsent("not-started(generator cap)", k -> new java.util.concurrent.atomic.LongAdder())
                    .add(notStarted);
        }
    }

    /**
     * With --start-file, waits (at most five minutes) until the harness has done what it does before the measured
     * seconds (process lookups, a psql, a metrics scrape of market-service, on a server without autovacuum the
     * vacuum of the warm-up's dead rows): that work used to land in the first measured seconds, on the machine being
     * measured.
     */
    private void awaitStartFile() throws InterruptedException {
        if (o.startFile == null) {
            return;
        }
        System.out.println("  warm-up done: waiting for the harness");
        System.out.flush();
        Path go = Path.of(o.startFile);
        long limit = System.nanoTime() + 300_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < limit) {
            Thread.sleep(5);
        }
    }

    /** Waits for the answers still outstanding (an overloaded server may owe many), at most --sent-timeout. */
    private void drain() throws InterruptedException {
        long limit = System.nanoTime() + o.sentTimeoutSeconds * 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < limit) {
            Thread.sleep(20);
        }
    }

    private void report(Stats s) {
        double offered = s.sent * 1e9 / Math.max(1, s.lastSend - s.start);
        double served = s.created.sum() * 1e9 / Math.max(1, s.lastCompletion.get() - s.start);
        System.out.printf("  offered %.1f orders/s (%d in %.2f s); served %.1f orders/s (201: %d)%n", offered, s.sent,
                (s.lastSend - s.start) / 1e9, served, s.created.sum());
        System.out.printf("  API latency (from the moment each order was due): p50 %s ms, p99 %s ms, max %s ms%n",
                Stats.ms(s.latencyMicros, 50), Stats.ms(s.latencyMicros, 99), Stats.maxMs(s.latencyMicros));
        System.out.printf("  API p99 by second of the run (ms): %s%n", s.p99BySecond());
        System.out.printf("  answers by status: %s%n", s.statuses());
        System.out.printf("BENCH fixed.offered_rate=%.1f%n", offered);
        System.out.printf("BENCH fixed.served_rate=%.1f%n", served);
        System.out.println("BENCH fixed.p50_ms=" + Stats.ms(s.latencyMicros, 50));
        System.out.println("BENCH fixed.p99_ms=" + Stats.ms(s.latencyMicros, 99));
        System.out.println("BENCH fixed.max_ms=" + Stats.maxMs(s.latencyMicros));
        System.out.println("BENCH fixed.statuses=" + s.statuses());
        System.out.println("BENCH fixed.errors=" + s.errors());
        System.out.println("BENCH fixed.created_without_order_id=" + createdWithoutId.sum());
        if (firstWithoutId.get() != null) {
            System.out.println("  the first 201 without an order id answered (headers, body): " + firstWithoutId.get());
        }
        System.out.println("BENCH fixed.duplicate_order_ids=" + duplicateIds.sum());
        System.out.println("BENCH fixed.bodies_lost_by_client=" + bodiesLost.sum());
    }
}
