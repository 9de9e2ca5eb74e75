package io.mailoo.market.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.market.entity.Product;
import io.mailoo.market.rest.OrderInput;
import io.mailoo.support.http.ProblemException;

class OrderPricingTest {

    private static Product product(String sku, long price, String currency) {
        Product p = new Product();
        p.sku = sku;
        p.name = "Name " + sku;
        p.priceMinor = price;
        p.currency = currency;
        return p;
    }

    @Test
    void linesAndTotalComeFromTheCatalog() {
        var priced = OrderPricing.price(List.of(new OrderInput.Item("A", 3L), new OrderInput.Item("B", 1L)),
                Map.of("A", product("A", 199, "EUR"), "B", product("B", 1000, "EUR")));
        assertEquals(1597, priced.totalMinor());
        assertEquals("EUR", priced.currency());
        assertEquals(new OrderLine("A", "Name A", 3, 199, 597), priced.lines().get(0));
    }

    @Test
    void unknownSkusAreNamedByPosition() {
        ProblemException e = assertThrows(ProblemException.class, () -> OrderPricing.price(
                List.of(new OrderInput.Item("A", 1L), new OrderInput.Item("X", 1L)),
                Map.of("A", product("A", 1, "EUR"))));
        assertEquals("SKU_UNKNOWN", e.code());
        assertEquals("items[1].sku", e.errors().get(0).field());
    }

    @Test
    void moneyUsesTheCurrencysDecimals() {
        assertEquals("12.50 EUR", ConfirmationContent.money(1250, "EUR"));
        assertEquals("500 JPY", ConfirmationContent.money(500, "JPY"));
        assertEquals("1.250 BHD", ConfirmationContent.money(1250, "BHD"));
    }
}
