package io.mailoo.market.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.Product;
import io.mailoo.market.rest.ProductInput;
import io.mailoo.market.rest.ProductView;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The catalog of a MARKET integration: the owner adds products, members may read them. */
@ApplicationScoped
public class ProductService {

    private final MarketIntegrationAccess access;

    public ProductService(MarketIntegrationAccess access) {
        this.access = access;
    }

    @WithTransaction
    public Uni<ProductView> create(String projectUid, String integrationId, String userId, ProductInput input) {
        return access.forOwner(projectUid, integrationId, userId).chain(integration -> {
            var errors = ProductValidator.validate(input);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            return Product.count("integrationId = ?1 and sku = ?2", integrationId, input.sku()).chain(existing -> {
                if (existing > 0) {
                    throw new ProblemException(409, "SKU_EXISTS",
                            "This integration already has a product with sku " + input.sku() + ".");
                }
                Product p = new Product();
                p.id = UUID.randomUUID();
                p.integrationId = integrationId;
                p.sku = input.sku();
                p.name = input.name().strip();
                p.priceMinor = input.priceMinor();
                p.currency = input.currency();
                p.createdAt = Instant.now();
                return p.<Product>persistAndFlush().map(ProductView::of);
            });
        });
    }

    @WithSession
    public Uni<List<ProductView>> list(String projectUid, String integrationId, String userId) {
        return access.forMember(projectUid, integrationId, userId)
                .chain(integration -> Product.<Product>list("integrationId = ?1 order by sku", integrationId))
                .map(products -> products.stream().map(ProductView::of).toList());
    }

    /** One product (members): where the Location of its creation points. */
    @WithSession
    public Uni<ProductView> get(String projectUid, String integrationId, String userId, String productId) {
        UUID id;
        try {
            id = UUID.fromString(productId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("PRODUCT_NOT_FOUND", "No such product on this integration.");
        }
        return access.forMember(projectUid, integrationId, userId)
                .chain(integration -> Product.<Product>find("id = ?1 and integrationId = ?2", id, integrationId)
                        .<Product>firstResult())
                .map(p -> {
                    if (p == null) {
                        throw ProblemException.notFound("PRODUCT_NOT_FOUND", "No such product on this integration.");
                    }
                    return ProductView.of(p);
                });
    }
}
