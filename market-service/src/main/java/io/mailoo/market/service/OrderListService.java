package io.mailoo.market.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.rest.OrderView;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The dashboard's list of a MARKET integration's orders, newest first, each in the view the integrator API gives
 * (with the buyer's confirmation status). Read-only, so members may use it, as they may read the catalog.
 */
@ApplicationScoped
public class OrderListService {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MarketIntegrationAccess access;

    public OrderListService(MarketIntegrationAccess access) {
        this.access = access;
    }

    /** @param limit the query parameter as sent; null = {@value #DEFAULT_LIMIT} */
    @WithSession
    public Uni<List<OrderView>> newest(String projectUid, String integrationId, String userId, String limit) {
        int size = limit(limit);
        return access.forMember(projectUid, integrationId, userId)
                .chain(integration -> MarketOrder.<MarketOrder>find(
                        "integrationId = ?1 order by createdAt desc, id desc", integrationId).range(0, size - 1)
                        .list())
                .map(orders -> orders.stream().map(OrderViews::of).toList());
    }

    /** Checked before access, like a malformed body: a bad request is a 400 whoever sends it. */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(400, "LIMIT_INVALID",
                "limit must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ").");
    }
}
