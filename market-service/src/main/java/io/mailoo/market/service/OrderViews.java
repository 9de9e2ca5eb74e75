package io.mailoo.market.service;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.rest.OrderInput;
import io.mailoo.market.rest.OrderView;

/** Stored order → API view, and the JSON form of the lines snapshot. */
public final class OrderViews {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
    };

    private OrderViews() {
    }

    public static OrderView of(MarketOrder order) {
        return of(order, lines(order));
    }

    /** For an order just priced: its lines as they are, not read back from their JSON. */
    public static OrderView of(MarketOrder order, List<OrderLine> lines) {
        return new OrderView(order.id, order.createdAt, new OrderInput.Buyer(order.buyerEmail, order.buyerName),
                lines, new OrderView.Money(order.totalMinor, order.currency), order.note,
                new OrderView.EmailToCustomer(order.mailStatus, order.mailErrorCode));
    }

    public static String linesJson(List<OrderLine> lines) {
        return EventCodec.encodeToString(lines);
    }

    static List<OrderLine> lines(MarketOrder order) {
        try {
            return EventCodec.mapper().readValue(order.linesJson, LINES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("market_order.lines of " + order.id + " is not readable", e);
        }
    }
}
