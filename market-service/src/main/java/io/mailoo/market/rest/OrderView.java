package io.mailoo.market.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.market.service.OrderLine;

/** An order as the integrator sees it, with the state of the buyer's confirmation mail. */
public record OrderView(UUID orderId, Instant createdAt, OrderInput.Buyer buyer, List<OrderLine> lines, Money total,
        String note, EmailToCustomer emailToCustomer) {

    public record Money(long amountMinor, String currency) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmailToCustomer(String status, String errorCode) {
    }
}
