package io.mailoo.market.rest;

/** Body of POST …/market/products. */
public record ProductInput(String sku, String name, Long priceMinor, String currency) {
}
