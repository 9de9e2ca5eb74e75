package io.mailoo.market.service;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.market.rest.ProductInput;

/** Field rules of a catalog entry; all errors at once so the owner can fix them in one go. */
public final class ProductValidator {

    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final long MAX_PRICE_MINOR = 1_000_000_000_000L;
    static final int MAX_NAME = 200;

    private ProductValidator() {
    }

    public static List<FieldError> validate(ProductInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            return List.of(new FieldError("", "BODY_REQUIRED", "Send {sku, name, priceMinor, currency}."));
        }
        if (in.sku() == null || !SKU.matcher(in.sku()).matches()) {
            errors.add(new FieldError("sku", "SKU_INVALID",
                    "sku: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit."));
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > MAX_NAME
                || HeaderValueValidator.hasControlCharacter(in.name())) {
            errors.add(new FieldError("name", "NAME_INVALID",
                    "name: 1-" + MAX_NAME + " characters without line breaks or control characters."));
        }
        if (in.priceMinor() == null || in.priceMinor() < 0 || in.priceMinor() > MAX_PRICE_MINOR) {
            errors.add(new FieldError("priceMinor", "PRICE_INVALID",
                    "priceMinor: a whole number of minor units (e.g. cents), 0 to " + MAX_PRICE_MINOR + "."));
        }
        if (!isIsoCurrency(in.currency())) {
            errors.add(new FieldError("currency", "CURRENCY_INVALID", "currency: an ISO 4217 code such as EUR."));
        }
        return errors;
    }

    static boolean isIsoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
