package io.mailoo.market.service;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * What the order confirmation shows ({@link OrderConfirmationBodies}); amounts already formatted for the order's
 * currency.
 */
public record ConfirmationContent(String shopName, String buyerName, String orderRef, List<Line> lines, String total,
        String note) {

    public record Line(String name, String sku, long quantity, String unitPrice, String lineTotal) {
    }

    public static ConfirmationContent of(String shopName, String buyerName, String orderRef, List<OrderLine> lines,
            long totalMinor, String currency, String note) {
        List<Line> shown = lines.stream().map(l -> new Line(l.name(), l.sku(), l.quantity(),
                money(l.unitPriceMinor(), currency), money(l.lineTotalMinor(), currency))).toList();
        return new ConfirmationContent(shopName, buyerName, orderRef, shown, money(totalMinor, currency), note);
    }

    /** 1250 EUR → "12.50 EUR"; 500 JPY → "500 JPY" (the currency's own number of decimals). */
    public static String money(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
