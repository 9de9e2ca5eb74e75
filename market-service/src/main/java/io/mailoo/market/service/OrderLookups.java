package io.mailoo.market.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.market.config.MarketSettings;
import io.mailoo.market.entity.ApiKey;
import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.MailProfileState;
import io.mailoo.market.entity.Product;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The reads every order makes, kept in memory so that a busy shop's orders cost no query for them: the API key by
 * hash, the integration, its mail-profile state (each at most {@code MARKET_LOOKUP_CACHE_TTL}, default 2 s) and
 * the catalog products (they never change once created). A change of a key, an integration or a profile state
 * drops the cache of its table on every replica right after it commits ({@link LookupChangeListener}, PostgreSQL
 * NOTIFY); while that listener is not connected those three are read every time, so the ttl only bounds a
 * notification that is late. A revocation on this replica applies at once also without it ({@link #forgetApiKey}).
 * Values are detached entities, read-only; a read is made with Hibernate in a session of its own (or the caller's).
 */
@ApplicationScoped
public class OrderLookups {

    private static final int MAX_ENTRIES = 10_000;
    /** Products are immutable: kept long, so no order waits for a catalog read while the shop is busy. */
    private static final Duration PRODUCT_TTL = Duration.ofMinutes(10);

    private final ExpiringCache<String, ApiKey> keys;
    private final ExpiringCache<String, IntegrationView> integrations;
    private final ExpiringCache<String, MailProfileState> profiles;
    private final ExpiringCache<String, Product> products;
    private volatile BooleanSupplier listening = () -> false;

    @Inject
    public OrderLookups(MarketSettings settings) {
        keys = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_ENTRIES, System::nanoTime, OrderLookups::caller);
        integrations = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_ENTRIES, System::nanoTime,
                OrderLookups::caller);
        profiles = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_ENTRIES, System::nanoTime,
                OrderLookups::caller);
        products = new ExpiringCache<>(PRODUCT_TTL, MAX_ENTRIES, System::nanoTime, OrderLookups::caller);
    }

    /** The calling request's Vert.x context (its session and event loop), or this thread outside Vert.x. */
    private static Executor caller() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
    }

    /** Set by the listener: keys, integrations and profiles are served from memory only while this is true. */
    void cacheWhile(BooleanSupplier listening) {
        this.listening = listening;
    }

    /** A row of {@code table} changed (null: anything may have changed): forget what is cached of it. */
    void changed(String table) {
        if (table == null || table.equals("api_key")) {
            keys.clear();
        }
        if (table == null || table.equals("integration_view")) {
            integrations.clear();
        }
        if (table == null || table.equals("mail_profile_state")) {
            profiles.clear();
        }
    }

    /** The key with this SHA-256, revoked or not; null when there is none. */
    public Uni<ApiKey> apiKey(String keyHash) {
        return cached(keys, keyHash, () -> Panache.withSession(() -> ApiKey.<ApiKey>find("keyHash", keyHash)
                .firstResult()));
    }

    /** After a revocation committed: this replica stops accepting the key at once, notification or not. */
    public void forgetApiKey(String keyHash) {
        keys.forget(keyHash);
    }

    /** The integration as projected; null when there is none. */
    public Uni<IntegrationView> integration(String integrationId) {
        return cached(integrations, integrationId, () -> Panache.withSession(
                () -> IntegrationView.<IntegrationView>findById(integrationId)));
    }

    /** The integration and its mail-profile state (null when market-service has never heard of the profile). */
    public Uni<Shop> shop(String integrationId, String profileRef) {
        return integration(integrationId).chain(integration -> integration == null
                ? Uni.createFrom().item(new Shop(null, null))
                : cached(profiles, profileRef, () -> Panache.withSession(
                        () -> MailProfileState.<MailProfileState>findById(profileRef)))
                        .map(profile -> new Shop(integration, profile)));
    }

    /** What an order needs to know about the integration it is placed on. */
    public record Shop(IntegrationView integration, MailProfileState profile) {
    }

    private <V> Uni<V> cached(ExpiringCache<String, V> cache, String key, Supplier<Uni<V>> read) {
        return listening.getAsBoolean() ? cache.get(key, read) : read.get();
    }

    /** The integration's products with these skus, by sku (unknown skus are absent). */
    public Uni<Map<String, Product>> products(String integrationId, List<String> skus) {
        Map<String, Product> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String sku : skus) {
            Product p = products.peek(productKey(integrationId, sku));
            if (p != null) {
                found.put(sku, p);
            } else {
                missing.add(sku);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return Panache.withSession(() -> Product.<Product>list("integrationId = ?1 and sku in ?2", integrationId,
                missing)).map(loaded -> {
                    for (Product p : loaded) {
                        found.put(p.sku, p);
                        products.store(productKey(integrationId, p.sku), p);
                    }
                    return found;
                });
    }

    private static String productKey(String integrationId, String sku) {
        return integrationId + "\n" + sku;
    }
}
