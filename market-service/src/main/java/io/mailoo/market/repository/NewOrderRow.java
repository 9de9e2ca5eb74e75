package io.mailoo.market.repository;

import java.util.List;

import io.mailoo.market.entity.MarketOrder;

/** A new order as {@link OrderStore} writes it: its row and, when it mails its buyer, its outbox row's values (else null). */
record NewOrderRow(MarketOrder order, List<Object> event) {
}
