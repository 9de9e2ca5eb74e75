package io.mailoo.support.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Lets one of many identical events through every interval, with the number let pass silently since: a database
 * outage answered 28,552 requests with a 503 in 80 s on one service, and a warning line each buried the log.
 */
public final class EveryFewSeconds {

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong nextAt;
    private final AtomicLong silent = new AtomicLong();

    public EveryFewSeconds(long intervalSeconds) {
        this(intervalSeconds, System::nanoTime);
    }

    EveryFewSeconds(long intervalSeconds, LongSupplier nanoClock) {
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.clock = nanoClock;
        this.nextAt = new AtomicLong(nanoClock.getAsLong());
    }

    /** Runs {@code report} with the number of events skipped since the last report, or counts this one as skipped. */
    public void event(LongConsumer report) {
        long now = clock.getAsLong();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + intervalNanos)) {
            report.accept(silent.getAndSet(0));
        } else {
            silent.incrementAndGet();
        }
    }
}
