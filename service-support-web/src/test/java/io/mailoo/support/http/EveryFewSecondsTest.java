package io.mailoo.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class EveryFewSecondsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneReportPerIntervalWithTheNumberSkippedSinceTheLast() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        EveryFewSeconds warnings = new EveryFewSeconds(10, now::get);
        List<Long> reports = new ArrayList<>();

        for (int i = 0; i < 1000; i++) {
            warnings.event(reports::add);
        }
        assertEquals(List.of(0L), reports, "the first event is reported, the other 999 of the interval counted");

        now.addAndGet(9 * SECOND);
        warnings.event(reports::add);
        assertEquals(1, reports.size(), "9 s later: still the same interval");

        now.addAndGet(SECOND);
        warnings.event(reports::add);
        assertEquals(List.of(0L, 1000L), reports, "10 s after the first: reported, with the 1,000 skipped");

        now.addAndGet(60 * SECOND);
        warnings.event(reports::add);
        assertEquals(List.of(0L, 1000L, 0L), reports);
    }
}
