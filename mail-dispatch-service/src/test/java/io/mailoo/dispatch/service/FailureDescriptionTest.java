package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class FailureDescriptionTest {

    @Test
    void aFailureIsDescribedByItsTypeNeverByItsMessage() {
        String described = FailureDescription.of(new IllegalArgumentException(
                "Parameter at position[7] with value = [{\"text\":\"a private mail body\"}]"));
        assertEquals("IllegalArgumentException", described);
        assertFalse(described.contains("private"));
        assertEquals("unknown failure", FailureDescription.of(null));
    }
}
