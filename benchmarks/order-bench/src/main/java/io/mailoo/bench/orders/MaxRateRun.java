package io.mailoo.bench.orders;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: C workers, each placing its next order as soon as the previous one is answered, for the given
 * seconds. The rate it reaches is the order path's ceiling on this machine (with everything else on it).
 */
final class MaxRateRun {

    private final Options o;
    private final AtomicLong seq = new AtomicLong(1_000_000_000L);

    MaxRateRun(Options o) {
        this.o = o;
    }

    int run() throws Exception {
        try (OrderClient client = new OrderClient(o)) {
            if (o.warmupSeconds > 0) {
                System.out.printf("  warm-up: %d workers for %d s (not counted)%n", o.concurrency, o.warmupSeconds);
                phase(client, o.warmupSeconds, new Stats());
            }
            Stats s = new Stats();
            System.out.printf("  measuring: %d workers, closed loop, for %d s%n", o.concurrency, o.seconds);
            phase(client, o.seconds, s);
            double rate = s.created.sum() * 1e9 / Math.max(1, s.lastCompletion.get() - s.start);
            System.out.printf("  max rate %.1f orders/s (201: %d); latency p50 %s ms, p99 %s ms, max %s ms%n", rate,
                    s.created.sum(), Stats.ms(s.latencyMicros, 50), Stats.ms(s.latencyMicros, 99),
                    Stats.maxMs(s.latencyMicros));
            System.out.printf("  answers by status: %s%n", s.statuses());
            System.out.printf("BENCH max.rate=%.1f%n", rate);
            System.out.println("BENCH max.p50_ms=" + Stats.ms(s.latencyMicros, 50));
            System.out.println("BENCH max.p99_ms=" + Stats.ms(s.latencyMicros, 99));
            System.out.println("BENCH max.statuses=" + s.statuses());
            System.out.println("BENCH max.errors=" + s.errors());
            return 0;
        }
    }

    private void phase(OrderClient client, int seconds, Stats stats) throws InterruptedException {
        stats.start = System.nanoTime();
        long end = stats.start + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(o.concurrency);
        for (int w = 0; w < o.concurrency; w++) {
            next(client, stats, end, done);
        }
        done.await();
    }

    private void next(OrderClient client, Stats stats, long end, CountDownLatch done) {
        long start = System.nanoTime();
        if (start >= end) {
            done.countDown();
            return;
        }
        client.place(seq.incrementAndGet()).onComplete(ar -> {
            stats.record(start, System.nanoTime(), ar.result());
            next(client, stats, end, done);
        });
    }
}
