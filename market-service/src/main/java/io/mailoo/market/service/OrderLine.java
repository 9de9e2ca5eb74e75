package io.mailoo.market.service;

/** One priced line of an order, as stored and returned: the catalog's name and price at the time of the order. */
public record OrderLine(String sku, String name, long quantity, long unitPriceMinor, long lineTotalMinor) {
}
