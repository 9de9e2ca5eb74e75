package io.mailoo.market.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.market.entity.Product;

@Schema(name = "Product", requiredProperties = { "id", "sku", "name", "priceMinor", "currency", "createdAt" })
public record ProductView(UUID id, String sku, String name, long priceMinor, String currency, Instant createdAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.id, p.sku, p.name, p.priceMinor, p.currency, p.createdAt);
    }
}
