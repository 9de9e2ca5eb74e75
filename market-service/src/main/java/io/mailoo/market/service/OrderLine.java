package io.mailoo.market.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One priced line of an order, as stored and returned: the catalog's name and price at the time of the order. */
@Schema(requiredProperties = { "sku", "name", "quantity", "unitPriceMinor", "lineTotalMinor" })
public record OrderLine(String sku, String name, long quantity, long unitPriceMinor, long lineTotalMinor) {
}
