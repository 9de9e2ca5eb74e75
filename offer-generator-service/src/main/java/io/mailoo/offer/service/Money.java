package io.mailoo.offer.service;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units as a person reads them: {@code 123450} EUR → {@code 1234.50 EUR}. */
public final class Money {

    private Money() {
    }

    public static String format(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
