package io.mailoo.market.rest;

import java.util.List;

/** Body of POST /api/v1/market/{integrationId}/orders; prices are never taken from the caller. */
public record OrderInput(Buyer buyer, List<Item> items, String note) {

    public record Buyer(String email, String name) {
    }

    public record Item(String sku, Long quantity) {
    }
}
