package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.validation.BodySizeLimit;

class BodySizeLimitTest {

    @Test
    void onlyAnAnnouncedLengthOverTheLimitIsRefused() {
        assertTrue(BodySizeLimit.exceeded("1025", 1024));
        assertTrue(BodySizeLimit.exceeded(" 99999999999 ", 1024));
        assertFalse(BodySizeLimit.exceeded("1024", 1024));
        assertFalse(BodySizeLimit.exceeded("0", 1024));
        // no header (chunked) or a malformed one is left to Vert.x
        assertFalse(BodySizeLimit.exceeded(null, 1024));
        assertFalse(BodySizeLimit.exceeded("12abc", 1024));
    }
}
