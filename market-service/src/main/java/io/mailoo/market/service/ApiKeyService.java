package io.mailoo.market.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.market.entity.ApiKey;
import io.mailoo.market.rest.ApiKeyCreated;
import io.mailoo.market.rest.ApiKeyInput;
import io.mailoo.market.rest.ApiKeyView;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Owner side of integrator API keys: create (the key is shown once), list (prefixes only), revoke. */
@ApplicationScoped
public class ApiKeyService {

    static final int MAX_NAME = 100;

    private final MarketIntegrationAccess access;
    private final OrderLookups lookups;

    public ApiKeyService(MarketIntegrationAccess access, OrderLookups lookups) {
        this.access = access;
        this.lookups = lookups;
    }

    @WithTransaction
    public Uni<ApiKeyCreated> create(String projectUid, String integrationId, String userId, ApiKeyInput input) {
        return access.forOwner(projectUid, integrationId, userId).chain(integration -> {
            String name = input == null || input.name() == null ? null : input.name().strip();
            if (name != null && (name.length() > MAX_NAME || HeaderValueValidator.hasControlCharacter(name))) {
                throw ProblemException.invalid(List.of(new FieldError("name", "NAME_INVALID",
                        "name: at most " + MAX_NAME + " characters without control characters.")));
            }
            ApiKeyCodec.NewKey generated = ApiKeyCodec.generate();
            ApiKey key = new ApiKey();
            key.id = UUID.randomUUID();
            key.integrationId = integrationId;
            key.name = name == null || name.isEmpty() ? null : name;
            key.prefix = generated.prefix();
            key.keyHash = generated.hash();
            key.createdAt = Instant.now();
            return key.persist().map(saved -> ApiKeyCreated.of(key, generated.plaintext()));
        });
    }

    @WithSession
    public Uni<List<ApiKeyView>> list(String projectUid, String integrationId, String userId) {
        return access.forOwner(projectUid, integrationId, userId)
                .chain(integration -> ApiKey.<ApiKey>list("integrationId = ?1 order by createdAt", integrationId))
                .map(keys -> keys.stream().map(ApiKeyView::of).toList());
    }

    /**
     * Revoking twice is fine (the first revocation time is kept); an unknown key of this integration is 404. Once
     * the revocation has committed, this replica forgets the key's cached lookup, so it refuses the key at once.
     */
    public Uni<Void> revoke(String projectUid, String integrationId, String userId, UUID keyId) {
        return Panache.withTransaction(() -> access.forOwner(projectUid, integrationId, userId)
                .chain(integration -> ApiKey.<ApiKey>find("id = ?1 and integrationId = ?2", keyId, integrationId)
                        .<ApiKey>firstResult())
                .map((ApiKey key) -> {
                    if (key == null) {
                        throw ProblemException.notFound("API_KEY_NOT_FOUND", "No such API key on this integration.");
                    }
                    if (key.revokedAt == null) {
                        key.revokedAt = Instant.now();
                    }
                    return key.keyHash;
                }))
                .invoke(lookups::forgetApiKey)
                .replaceWithVoid();
    }
}
