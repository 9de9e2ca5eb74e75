package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.smallrye.mutiny.Uni;

/**
 * The lane's copy of the daily count: the count read from PostgreSQL plus what this process sent and has in flight
 * since, and what a later read already holds not counted twice over. (OAuth2DispatchTest checks the cap through
 * Kafka, PostgreSQL and an SMTP server.)
 */
class DailyRecipientCapsTest {

    private static final String REF = "integration:capped";
    private static final int CAP = 5;

    /** The SENT recipients PostgreSQL answers, in the order of the reads. */
    private static final class StoredCounts extends DispatchMessageRepository {
        final List<Long> counts = new ArrayList<>();
        int reads;

        StoredCounts(Long... counts) {
            super(null);
            this.counts.addAll(List.of(counts));
        }

        @Override
        public Uni<Long> recipientsSentSince(String profileRef, Instant since) {
            return Uni.createFrom().item(() -> counts.get(reads++)); // read when subscribed, as a query would be
        }

        @Override
        public Uni<Instant> windowAllows(String profileRef, Instant since, Duration window, long excess) {
            return Uni.createFrom().item(since.plus(window).plusSeconds(3600));
        }
    }

    private static DailyRecipientCaps.Verdict read(DailyRecipientCaps caps, int recipients, long now) {
        DailyRecipientCaps.Verdict verdict = caps.check(REF, CAP, recipients, now);
        if (verdict instanceof DailyRecipientCaps.Verdict.Read read) {
            read.read().await().atMost(Duration.ofSeconds(5));
            return caps.check(REF, CAP, recipients, now);
        }
        return verdict;
    }

    private static void sent(DailyRecipientCaps caps, int recipients, long now) {
        caps.counting(REF, recipients);
        caps.ended(REF, recipients, true, now);
    }

    @Test
    void whatThisProcessSentSinceTheReadCountsUntilTheCap() {
        long t0 = 1_000_000_000L;
        DailyRecipientCaps caps = new DailyRecipientCaps(new StoredCounts(2L));
        assertInstanceOf(DailyRecipientCaps.Verdict.Send.class, read(caps, 1, t0));
        sent(caps, 1, t0 + 10);
        sent(caps, 1, t0 + 20);
        // 2 read + 2 sent since: one more fits, two do not
        assertInstanceOf(DailyRecipientCaps.Verdict.Send.class, caps.check(REF, CAP, 1, t0 + 30));
        assertInstanceOf(DailyRecipientCaps.Verdict.Read.class, caps.check(REF, CAP, 2, t0 + 30));
        assertInstanceOf(DailyRecipientCaps.Verdict.Defer.class, read(caps, 2, t0 + 30));
    }

    @Test
    void aFailedSendGivesItsRecipientsBackAndInFlightOnesCount() {
        long t0 = 1_000_000_000L;
        DailyRecipientCaps caps = new DailyRecipientCaps(new StoredCounts(0L));
        read(caps, 1, t0);
        caps.counting(REF, 5);
        assertInstanceOf(DailyRecipientCaps.Verdict.Read.class, caps.check(REF, CAP, 1, t0 + 1), "in flight counts");
        caps.ended(REF, 5, false, t0 + 2);
        assertInstanceOf(DailyRecipientCaps.Verdict.Send.class, caps.check(REF, CAP, 5, t0 + 3), "given back");
    }

    @Test
    void aLaterReadThatHoldsTheSendsReplacesThemInsteadOfAddingThem() {
        long t0 = 1_000_000_000L;
        // the second read (a minute on) finds the 3 sent meanwhile in PostgreSQL: 1 + 3 = 4
        StoredCounts stored = new StoredCounts(1L, 4L);
        DailyRecipientCaps caps = new DailyRecipientCaps(stored);
        read(caps, 1, t0);
        for (int i = 0; i < 3; i++) {
            sent(caps, 1, t0 + 100 + i);
        }
        long later = t0 + 61_000;
        assertInstanceOf(DailyRecipientCaps.Verdict.Read.class, caps.check(REF, CAP, 1, later), "a minute on: read");
        // counted once: 4 used, so 1 more fits and 2 do not (5 and 6 if the 3 were counted again)
        assertInstanceOf(DailyRecipientCaps.Verdict.Send.class, read(caps, 1, later));
        assertInstanceOf(DailyRecipientCaps.Verdict.Read.class, caps.check(REF, CAP, 2, later));
        sent(caps, 1, later + 1);
        assertInstanceOf(DailyRecipientCaps.Verdict.Read.class, caps.check(REF, CAP, 1, later + 2), "5 of 5 used");
        assertEquals(2, stored.reads, "PostgreSQL read once at the start and once a minute on");
    }
}
