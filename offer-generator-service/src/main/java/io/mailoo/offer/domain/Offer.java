package io.mailoo.offer.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The priced offer: the base price line, one line per priced answer, and the total (all in minor units). */
@Schema(requiredProperties = { "lines", "total", "currency" })
public record Offer(List<Line> lines, long total, String currency) {

    @Schema(name = "OfferLine", requiredProperties = { "fieldId", "label", "quantity", "unitPriceMinor",
            "amountMinor" })
    public record Line(@Schema(nullable = true, description = "null for the base price line.") String fieldId,
            String label, long quantity, long unitPriceMinor, long amountMinor) {
    }
}
