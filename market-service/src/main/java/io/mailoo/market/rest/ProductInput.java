package io.mailoo.market.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST …/market/products. */
@Schema(requiredProperties = { "sku", "name", "priceMinor", "currency" })
public record ProductInput(@Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String sku,
        @Schema(maxLength = 200) String name, @Schema(minimum = "0", maximum = "1000000000000") Long priceMinor,
        @Schema(description = "ISO 4217, e.g. EUR.", pattern = "^[A-Z]{3}$") String currency) {
}
