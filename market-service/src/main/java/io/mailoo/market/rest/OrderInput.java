package io.mailoo.market.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/v1/market/{integrationId}/orders; prices are never taken from the caller. */
@Schema(requiredProperties = { "buyer", "items" })
public record OrderInput(Buyer buyer, @Schema(maxItems = 100) List<Item> items,
        @Schema(nullable = true, maxLength = 2000) String note) {

    @Schema(requiredProperties = "email")
    public record Buyer(String email, @Schema(nullable = true, maxLength = 200) String name) {
    }

    @Schema(name = "OrderItem", requiredProperties = { "sku", "quantity" })
    public record Item(String sku, @Schema(minimum = "1", maximum = "10000") Long quantity) {
    }
}
