package io.mailoo.market.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.market.entity.ApiKey;
import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.MailProfileState;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.repository.OrderStore;
import io.mailoo.market.rest.OrderInput;
import io.mailoo.market.rest.OrderView;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Integrator orders. One transaction stores the order and, when the integration has a mail profile, the buyer's
 * confirmation request in the outbox; without a profile the order says NOT_CONFIGURED and no mail is requested.
 * An Idempotency-Key returns the first order for the same body (no second order, no second mail) and refuses
 * another body; two simultaneous requests with one key are settled by the unique constraint
 * ({@link OrderStore}). Per order: the API key (cached), the integration and its profile state (one session), the
 * products (cached), then one statement that inserts the order and its outbox row; nothing is written to the key's
 * row. The relay is told of the new event in-process once the statement has committed.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final ApiKeyAuthenticator authenticator;
    private final ApiKeyRateLimiter rateLimiter;
    private final OrderLookups lookups;
    private final OrderStore store;
    private final OrderConfirmationMail confirmation;
    private final Outbox outbox;
    private final MeterRegistry metrics;

    @Inject
    MarketIntegrationAccess integrations;

    public OrderService(ApiKeyAuthenticator authenticator, ApiKeyRateLimiter rateLimiter, OrderLookups lookups,
            OrderStore store, OrderConfirmationMail confirmation, Outbox outbox, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.lookups = lookups;
        this.store = store;
        this.confirmation = confirmation;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public Uni<PlacedOrder> place(String integrationId, String authorization, String idempotencyKey,
            OrderInput input) {
        // The key first: without a valid key of this integration every caller gets the same 401, so the
        // answer never tells whether an integration id exists.
        String profileRef = ProfileRef.integration(integrationId).toString();
        return authenticator.authenticate(authorization, integrationId).chain(key -> {
            rateLimiter.acquire(key.id);
            return lookups.shop(integrationId, profileRef).chain(shop -> {
                IntegrationView integration = requireMarket(integrationId, shop.integration());
                checkAcceptsOrders(integration, idempotencyKey, input);
                return create(integration, shop.profile(), profileRef, key, idempotencyKey, input);
            });
        }).invoke(placed -> {
            if (!placed.replayed()) {
                metrics.counter("mailoo.market.orders", "email", placed.view().emailToCustomer().status())
                        .increment();
            }
        });
    }

    public Uni<OrderView> get(String integrationId, String authorization, String orderId) {
        return Panache.withSession(() -> authenticator.authenticate(authorization, integrationId)
                .call(key -> lookups.integration(integrationId).invoke(found -> requireMarket(integrationId, found)))
                .chain(key -> {
                    UUID id = parseId(orderId);
                    return id == null ? Uni.createFrom().<MarketOrder>nullItem()
                            : MarketOrder.<MarketOrder>find("id = ?1 and integrationId = ?2", id, integrationId)
                                    .<MarketOrder>firstResult();
                })
                .map((MarketOrder order) -> {
                    if (order == null) {
                        throw ProblemException.notFound("ORDER_NOT_FOUND", "No such order on this integration.");
                    }
                    return OrderViews.of(order);
                }));
    }

    /** A just-created integration is answered 503 *_NOT_YET_VISIBLE (ProjectionGrace), not 404. */
    private IntegrationView requireMarket(String integrationId, IntegrationView integration) {
        return integrations.requireMarket(integrationId, integration);
    }

    private static void checkAcceptsOrders(IntegrationView integration, String idempotencyKey, OrderInput input) {
        if (!integration.active) {
            throw new ProblemException(409, "INTEGRATION_INACTIVE",
                    "This integration is not active; it takes no orders.");
        }
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_INVALID",
                    "Idempotency-Key: 1-" + MAX_IDEMPOTENCY_KEY + " printable ASCII characters, e.g. a UUID.");
        }
        List<FieldError> errors = OrderValidator.validate(input);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Uni<PlacedOrder> create(IntegrationView integration, MailProfileState profile, String profileRef,
            ApiKey key, String idempotencyKey, OrderInput input) {
        String fingerprint = RequestFingerprint.of(input);
        List<String> skus = input.items().stream().map(OrderInput.Item::sku).toList();
        return lookups.products(integration.integrationId, skus).chain(products -> {
            OrderPricing.Priced priced = OrderPricing.price(input.items(), products);
            // microseconds, as PostgreSQL keeps them: this answer and every later read show the same createdAt
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            boolean configured = profile != null && profile.configured;
            MarketOrder order = newOrder(integration, key, idempotencyKey, input, fingerprint, priced, now);
            order.mailStatus = (configured ? MailState.QUEUED : MailState.NOT_CONFIGURED).name();
            order.mailMessageId = configured ? TimeOrderedIds.next() : null;
            Uni<Boolean> stored = !configured ? store.insert(order)
                    : store.insert(order, Outbox.values(Topics.MAIL_REQUESTS, profileRef,
                            CloudEventTypes.SEND_MAIL_REQUESTED,
                            confirmation.request(order, priced.lines(), integration.name, profile.version, now)));
            return stored
                    .chain(inserted -> {
                        if (!inserted) {
                            return store.byIdempotencyKey(integration.integrationId, idempotencyKey)
                                    .map(previous -> replay(previous, fingerprint));
                        }
                        if (configured) {
                            outbox.committed(); // the table has no NOTIFY trigger: the relay hears it from us
                        }
                        LOG.debugf("Order %s on %s: %d lines, confirmation %s", order.id,
                                integration.integrationId, priced.lines().size(), order.mailStatus);
                        return Uni.createFrom().item(new PlacedOrder(OrderViews.of(order, priced.lines()), false));
                    });
        });
    }

    private static MarketOrder newOrder(IntegrationView integration, ApiKey key, String idempotencyKey,
            OrderInput input, String fingerprint, OrderPricing.Priced priced, Instant now) {
        MarketOrder order = new MarketOrder();
        // time-ordered (v7) ids: market_order's and dispatch_message's unique indexes grow at their right edge
        // instead of taking every page of the index into shared buffers (docs/benchmarks.md, twelfth session)
        order.id = TimeOrderedIds.next();
        order.integrationId = integration.integrationId;
        order.projectUid = integration.projectUid;
        order.apiKeyId = key.id;
        order.idempotencyKey = idempotencyKey;
        order.requestHash = fingerprint;
        order.buyerEmail = input.buyer().email();
        order.buyerName = input.buyer().name() == null || input.buyer().name().isBlank() ? null
                : input.buyer().name().strip();
        order.note = input.note() == null || input.note().isBlank() ? null : input.note().strip();
        order.currency = priced.currency();
        order.totalMinor = priced.totalMinor();
        order.linesJson = OrderViews.linesJson(priced.lines());
        order.createdAt = now;
        order.updatedAt = now;
        return order;
    }

    private static PlacedOrder replay(MarketOrder previous, String fingerprint) {
        if (previous == null) {
            throw new IllegalStateException("an idempotency conflict without a stored order");
        }
        if (!previous.requestHash.equals(fingerprint)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different order body; use a new key for a new order.");
        }
        return new PlacedOrder(OrderViews.of(previous), true);
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
