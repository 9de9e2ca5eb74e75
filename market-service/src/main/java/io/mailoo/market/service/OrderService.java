package io.mailoo.market.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.market.entity.ApiKey;
import io.mailoo.market.entity.ConfirmationStatus;
import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.MailProfileState;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.entity.Product;
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
 * another body; two simultaneous requests with one key are settled by a unique constraint.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final String IDEMPOTENCY_CONSTRAINT = "market_order_idempotency";
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final ApiKeyAuthenticator authenticator;
    private final ApiKeyRateLimiter rateLimiter;
    private final OrderConfirmationMail confirmation;
    private final Outbox outbox;
    private final MeterRegistry metrics;

    @Inject
    MarketIntegrationAccess integrations;

    public OrderService(ApiKeyAuthenticator authenticator, ApiKeyRateLimiter rateLimiter,
            OrderConfirmationMail confirmation, Outbox outbox, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.confirmation = confirmation;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public Uni<PlacedOrder> place(String integrationId, String authorization, String idempotencyKey,
            OrderInput input) {
        // The key first: without a valid key of this integration every caller gets the same 401, so the
        // answer never tells whether an integration id exists.
        return Panache.withTransaction(() -> authenticator.authenticate(authorization, integrationId)
                .chain(key -> {
                    rateLimiter.acquire(key.id);
                    return integration(integrationId).chain(integration -> {
                        checkAcceptsOrders(integration, idempotencyKey, input);
                        return placeChecked(integration, key, idempotencyKey, input);
                    });
                }))
                .onFailure(OrderService::isIdempotencyRace)
                .recoverWithUni(() -> Panache.withSession(() -> existing(integrationId, idempotencyKey)
                        .map(order -> replay(order, RequestFingerprint.of(input)))))
                .invoke(placed -> {
                    if (!placed.replayed()) {
                        metrics.counter("mailoo.market.orders", "email", placed.view().emailToCustomer().status())
                                .increment();
                    }
                });
    }

    public Uni<OrderView> get(String integrationId, String authorization, String orderId) {
        return Panache.withSession(() -> authenticator.authenticate(authorization, integrationId)
                .call(key -> integration(integrationId))
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

    private Uni<IntegrationView> integration(String integrationId) {
        return integrations.market(integrationId); // a just-created integration: 503 NOT_YET_VISIBLE, not 404
    }

    private static void checkAcceptsOrders(IntegrationView integration, String idempotencyKey, OrderInput input) {
        if (!integration.active) {
            throw new ProblemException(409, "INTEGRATION_INACTIVE",
                    "This integration is not active; it takes no orders.");
        }
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ProblemException(422, "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key: 1-" + MAX_IDEMPOTENCY_KEY + " printable ASCII characters, e.g. a UUID.");
        }
        List<FieldError> errors = OrderValidator.validate(input);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Uni<PlacedOrder> placeChecked(IntegrationView integration, ApiKey key, String idempotencyKey,
            OrderInput input) {
        String fingerprint = RequestFingerprint.of(input);
        return existing(integration.integrationId, idempotencyKey).chain(previous -> previous != null
                ? Uni.createFrom().item(replay(previous, fingerprint))
                : create(integration, key, idempotencyKey, input, fingerprint));
    }

    private Uni<PlacedOrder> create(IntegrationView integration, ApiKey key, String idempotencyKey, OrderInput input,
            String fingerprint) {
        List<String> skus = input.items().stream().map(OrderInput.Item::sku).toList();
        String profileRef = ProfileRef.integration(integration.integrationId).toString();
        return Product.<Product>list("integrationId = ?1 and sku in ?2", integration.integrationId, skus)
                .map(products -> OrderPricing.price(input.items(), bySku(products)))
                .chain(priced -> MailProfileState.<MailProfileState>findById(profileRef).chain(profile -> {
                    Instant now = Instant.now();
                    boolean configured = profile != null && profile.configured;
                    MarketOrder order = newOrder(integration, key, idempotencyKey, input, fingerprint, priced, now);
                    order.mailStatus = (configured ? ConfirmationStatus.QUEUED : ConfirmationStatus.NOT_CONFIGURED)
                            .name();
                    order.mailMessageId = configured ? UUID.randomUUID() : null;
                    key.lastUsedAt = now;
                    Uni<Void> stored = order.persistAndFlush().replaceWithVoid();
                    if (configured) {
                        stored = stored.chain(() -> outbox.add(Topics.MAIL_REQUESTS, profileRef,
                                CloudEventTypes.SEND_MAIL_REQUESTED, confirmation.request(order, priced.lines(),
                                        integration.name, profile.version, now)));
                    }
                    return stored.map(v -> {
                        LOG.debugf("Order %s on %s: %d lines, confirmation %s", order.id, integration.integrationId,
                                priced.lines().size(), order.mailStatus);
                        return new PlacedOrder(OrderViews.of(order), false);
                    });
                }));
    }

    private static MarketOrder newOrder(IntegrationView integration, ApiKey key, String idempotencyKey,
            OrderInput input, String fingerprint, OrderPricing.Priced priced, Instant now) {
        MarketOrder order = new MarketOrder();
        order.id = UUID.randomUUID();
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

    private static Uni<MarketOrder> existing(String integrationId, String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().nullItem()
                : MarketOrder.<MarketOrder>find("integrationId = ?1 and idempotencyKey = ?2", integrationId,
                        idempotencyKey).firstResult();
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

    private static boolean isIdempotencyRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(IDEMPOTENCY_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Product> bySku(List<Product> products) {
        return products.stream().collect(Collectors.toMap(p -> p.sku, Function.identity()));
    }
}
