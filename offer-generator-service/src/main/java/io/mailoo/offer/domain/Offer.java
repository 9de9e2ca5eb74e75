package io.mailoo.offer.domain;

import java.util.List;

/** The priced offer: the base price line, one line per priced answer, and the total (all in minor units). */
public record Offer(List<Line> lines, long total, String currency) {

    public record Line(String fieldId, String label, long quantity, long unitPriceMinor, long amountMinor) {
    }
}
