package io.mailoo.market.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.market.rest.OrderInput;

/**
 * Shape rules of an order, checked before any lookup; every error is reported at once. The limits keep one order
 * (and its confirmation mail) a reasonable size: an integrator sending more is refused with a code, not truncated.
 */
public final class OrderValidator {

    public static final int MAX_ITEMS = 100;
    public static final long MAX_QUANTITY = 10_000;
    public static final int MAX_NOTE = 2_000;
    public static final int MAX_BUYER_NAME = 200;
    public static final int MAX_SKU = 64;

    private OrderValidator() {
    }

    public static List<FieldError> validate(OrderInput in) {
        if (in == null) {
            return List.of(new FieldError("", "BODY_REQUIRED",
                    "Send {buyer{email, name}, items[{sku, quantity}], note}."));
        }
        List<FieldError> errors = new ArrayList<>();
        buyer(in.buyer(), errors);
        items(in.items(), errors);
        if (in.note() != null && in.note().length() > MAX_NOTE) {
            errors.add(new FieldError("note", "NOTE_TOO_LONG", "note: at most " + MAX_NOTE + " characters."));
        } else if (in.note() != null && hasControlOtherThanLineBreaks(in.note())) {
            errors.add(new FieldError("note", "NOTE_INVALID", "note: no control characters other than line breaks."));
        }
        return errors;
    }

    private static void buyer(OrderInput.Buyer buyer, List<FieldError> errors) {
        if (buyer == null) {
            errors.add(new FieldError("buyer", "BUYER_REQUIRED", "buyer{email, name} is required."));
            return;
        }
        if (!MailAddressValidator.isPublicRecipient(buyer.email())) {
            errors.add(new FieldError("buyer.email", "EMAIL_INVALID",
                    "buyer.email: a plain address such as ada@example.com."));
        }
        if (buyer.name() != null && (buyer.name().length() > MAX_BUYER_NAME
                || HeaderValueValidator.hasControlCharacter(buyer.name()))) {
            errors.add(new FieldError("buyer.name", "NAME_INVALID",
                    "buyer.name: at most " + MAX_BUYER_NAME + " characters without line breaks."));
        }
    }

    private static void items(List<OrderInput.Item> items, List<FieldError> errors) {
        if (items == null || items.isEmpty()) {
            errors.add(new FieldError("items", "ITEMS_REQUIRED", "items: at least one {sku, quantity}."));
            return;
        }
        if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "ITEMS_TOO_MANY", "items: at most " + MAX_ITEMS + " lines per order."));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            OrderInput.Item item = items.get(i);
            String at = "items[" + i + "]";
            if (item == null || item.sku() == null || item.sku().isBlank() || item.sku().length() > MAX_SKU) {
                errors.add(new FieldError(at + ".sku", "SKU_INVALID", at + ".sku: the sku of a catalog product."));
            } else if (!seen.add(item.sku())) {
                errors.add(new FieldError(at + ".sku", "SKU_DUPLICATE",
                        at + ".sku: each sku once per order; put the total in quantity."));
            }
            if (item == null || item.quantity() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                errors.add(new FieldError(at + ".quantity", "QUANTITY_INVALID",
                        at + ".quantity: a whole number from 1 to " + MAX_QUANTITY + "."));
            }
        }
    }

    private static boolean hasControlOtherThanLineBreaks(String value) {
        return HeaderValueValidator.hasControlCharacter(value.replace("\r\n", "\n").replace('\n', ' '));
    }
}
