package io.mailoo.market.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.market.config.MarketSettings;
import io.mailoo.market.entity.ApiKey;
import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.MailProfileState;
import io.mailoo.market.entity.Product;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The reads every order makes. The API key by hash is cached for {@code MARKET_LOOKUP_CACHE_TTL} (default 2 s): a
 * revocation made on this replica applies at once ({@link #forgetApiKey}), one made on another replica within the
 * ttl. Catalog products are cached too (they never change once created). The integration and its mail-profile state
 * are read fresh every time: the projections promise that an order placed after a change was projected sees it
 * (inactive → 409, profile removed → NOT_CONFIGURED at once). Values are detached entities, read-only; a read is
 * made with Hibernate in a session of its own (or the caller's).
 */
@ApplicationScoped
public class OrderLookups {

    private static final int MAX_ENTRIES = 10_000;

    private final ExpiringCache<String, ApiKey> keys;
    private final ExpiringCache<String, Product> products;

    @Inject
    public OrderLookups(MarketSettings settings) {
        keys = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_ENTRIES, System::nanoTime);
        products = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_ENTRIES, System::nanoTime);
    }

    /** The key with this SHA-256, revoked or not; null when there is none. */
    public Uni<ApiKey> apiKey(String keyHash) {
        return keys.get(keyHash, () -> Panache.withSession(() -> ApiKey.<ApiKey>find("keyHash", keyHash)
                .firstResult()));
    }

    /** After a revocation committed: this replica stops accepting the key at once. */
    public void forgetApiKey(String keyHash) {
        keys.forget(keyHash);
    }

    /** The integration as projected; null when there is none. */
    public Uni<IntegrationView> integration(String integrationId) {
        return Panache.withSession(() -> IntegrationView.<IntegrationView>findById(integrationId));
    }

    /** The integration and its mail-profile state (null when market-service has never heard of the profile). */
    public Uni<Shop> shop(String integrationId, String profileRef) {
        return Panache.withSession(() -> IntegrationView.<IntegrationView>findById(integrationId)
                .chain(integration -> integration == null ? Uni.createFrom().item(new Shop(null, null))
                        : MailProfileState.<MailProfileState>findById(profileRef)
                                .map(profile -> new Shop(integration, profile))));
    }

    /** What an order needs to know about the integration it is placed on. */
    public record Shop(IntegrationView integration, MailProfileState profile) {
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
