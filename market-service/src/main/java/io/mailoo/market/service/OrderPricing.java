package io.mailoo.market.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.market.entity.Product;
import io.mailoo.market.rest.OrderInput;
import io.mailoo.support.http.ProblemException;

/** Prices an order from the catalog only: the caller names skus and quantities, never prices. */
public final class OrderPricing {

    public record Priced(List<OrderLine> lines, long totalMinor, String currency) {
    }

    private OrderPricing() {
    }

    /** @throws ProblemException 422 SKU_UNKNOWN (per item) or CURRENCIES_MIXED */
    public static Priced price(List<OrderInput.Item> items, Map<String, Product> catalog) {
        List<FieldError> errors = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        String currency = null;
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            OrderInput.Item item = items.get(i);
            Product product = catalog.get(item.sku());
            if (product == null) {
                errors.add(new FieldError("items[" + i + "].sku", "SKU_UNKNOWN",
                        "items[" + i + "].sku: no product " + item.sku() + " in this catalog."));
                continue;
            }
            if (currency == null) {
                currency = product.currency;
            } else if (!currency.equals(product.currency)) {
                errors.add(new FieldError("items[" + i + "].sku", "CURRENCIES_MIXED",
                        "All products of one order must have the same currency."));
                continue;
            }
            // bounded by MAX_QUANTITY × MAX_PRICE_MINOR × MAX_ITEMS, far below Long.MAX_VALUE; exact math anyway
            long lineTotal = Math.multiplyExact(product.priceMinor, item.quantity());
            total = Math.addExact(total, lineTotal);
            lines.add(new OrderLine(product.sku, product.name, item.quantity(), product.priceMinor, lineTotal));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Priced(List.copyOf(lines), total, currency);
    }
}
