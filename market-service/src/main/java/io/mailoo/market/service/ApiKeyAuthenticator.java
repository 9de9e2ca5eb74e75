package io.mailoo.market.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.ApiKey;
import io.mailoo.support.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Integrator side: the {@code Authorization: Bearer <api key>} of a request must be a live key of the integration in
 * the path. Missing, unknown or revoked → 401; a key of another integration → 403, decided before anything about
 * the integration or the requested order is looked at, so nothing leaks. The key is looked up through
 * {@link OrderLookups} (cached briefly, see there for how soon a revocation applies) and its use is recorded by
 * {@link ApiKeyUsage}, never written per request.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final String BEARER = "Bearer ";

    private final OrderLookups lookups;
    private final ApiKeyUsage usage;

    public ApiKeyAuthenticator(OrderLookups lookups, ApiKeyUsage usage) {
        this.lookups = lookups;
        this.usage = usage;
    }

    /** A failed Uni (never a throw), so callers may put it first in a chain. */
    public Uni<ApiKey> authenticate(String authorization, String integrationId) {
        return Uni.createFrom().deferred(() -> check(authorization, integrationId));
    }

    private Uni<ApiKey> check(String authorization, String integrationId) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("API_KEY_MISSING",
                    "Send the integration's API key as 'Authorization: Bearer <key>'.");
        }
        String presented = authorization.substring(BEARER.length()).trim();
        if (!ApiKeyCodec.looksLikeKey(presented)) {
            throw unauthorized("API_KEY_INVALID", "The API key is not valid.");
        }
        return lookups.apiKey(ApiKeyCodec.hash(presented)).map(key -> {
            if (key == null) {
                throw unauthorized("API_KEY_INVALID", "The API key is not valid.");
            }
            if (key.isRevoked()) {
                throw unauthorized("API_KEY_REVOKED",
                        "This API key was revoked; ask the integration's owner for a new one.");
            }
            if (!key.integrationId.equals(integrationId)) {
                throw new ProblemException(403, "API_KEY_WRONG_INTEGRATION",
                        "This API key belongs to another integration.");
            }
            usage.record(key.id, Instant.now());
            return key;
        });
    }

    private static ProblemException unauthorized(String code, String detail) {
        return new ProblemException(401, code, detail);
    }
}
