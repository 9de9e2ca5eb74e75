package io.mailoo.market.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.ids.TimeOrderedIds;

/** The order reference a buyer reads in the confirmation's subject tells apart orders placed in the same moment. */
class OrderRefTest {

    @Test
    void ordersOfTheSameMillisecondHaveDifferentReferences() {
        long now = System.currentTimeMillis();
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            refs.add(OrderConfirmationMail.orderRef(TimeOrderedIds.at(now)));
        }
        // 200 random 32-bit references collide with a probability of about 5 in a million; the first 8 characters
        // (the reference before order ids were time-ordered) are the same for all of them
        assertEquals(200, refs.size(), "references of ids made in the same millisecond");
    }

    @Test
    void theReferenceIsTheIdsRandomEndInUpperCase() {
        UUID id = UUID.fromString("01a24bd6-a193-732b-b257-1d8389b648ca");
        assertEquals("89B648CA", OrderConfirmationMail.orderRef(id));
    }
}
