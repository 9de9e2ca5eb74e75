package io.mailoo.market.service;

import io.mailoo.market.rest.OrderView;

/** The answer to an order request; {@code replayed} when an Idempotency-Key returned an earlier order. */
public record PlacedOrder(OrderView view, boolean replayed) {
}
