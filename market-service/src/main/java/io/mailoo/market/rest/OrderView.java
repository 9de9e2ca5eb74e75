package io.mailoo.market.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.contracts.events.MailState;
import io.mailoo.market.service.OrderLine;

/** An order as the integrator sees it, with the state of the buyer's confirmation mail. */
@Schema(name = "Order", requiredProperties = { "orderId", "createdAt", "buyer", "lines", "total", "note",
        "emailToCustomer" })
public record OrderView(UUID orderId, Instant createdAt, OrderInput.Buyer buyer, List<OrderLine> lines, Money total,
        @Schema(nullable = true) String note, EmailToCustomer emailToCustomer) {

    @Schema(requiredProperties = { "amountMinor", "currency" })
    public record Money(long amountMinor, String currency) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = "status")
    public record EmailToCustomer(@Schema(implementation = MailState.class) String status,
            @Schema(description = "Why the mail failed; absent otherwise.") String errorCode) {
    }
}
