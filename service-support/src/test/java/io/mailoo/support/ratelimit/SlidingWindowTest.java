package io.mailoo.support.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void allowsUpToTheLimitInOneWindow() {
        assertTrue(SlidingWindow.allows(0, 9, 0.5, 10));
        assertFalse(SlidingWindow.allows(0, 10, 0.5, 10));
    }

    @Test
    void thePreviousWindowCountsByItsOverlap() {
        // 10 in the previous window, 30 % of this one gone: 7 still count, 3 more fit
        assertTrue(SlidingWindow.allows(10, 2, 0.3, 10));
        assertFalse(SlidingWindow.allows(10, 3, 0.3, 10));
    }

    @Test
    void noDoubleBurstAtTheBoundary() {
        // a full window just ended: right after the boundary nothing fits
        assertFalse(SlidingWindow.allows(10, 0, 0.01, 10));
    }

    @Test
    void waitsUntilThePreviousWindowWeighsLittleEnough() {
        // previous 10, current 3, at 30 %: needs previous weight <= 6, i.e. 40 % of the window: 10 % of 60 s
        assertEquals(6000, SlidingWindow.millisUntilAllowed(10, 3, 0.3, 10, 60_000));
        assertTrue(SlidingWindow.allows(10, 3, 0.4, 10));
    }

    @Test
    void aFullCurrentWindowWaitsIntoTheNextOne() {
        // current 10 of 10 at 50 %: the rest of this window (30 s) and then until 10 x (1 - f) <= 9, f = 10 %
        assertEquals(36_000, SlidingWindow.millisUntilAllowed(0, 10, 0.5, 10, 60_000));
        assertTrue(SlidingWindow.allows(10, 0, 0.1, 10));
    }

    @Test
    void zeroWhenAllowed() {
        assertEquals(0, SlidingWindow.millisUntilAllowed(0, 0, 0, 1, 60_000));
    }
}
