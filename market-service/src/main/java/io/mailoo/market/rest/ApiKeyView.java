package io.mailoo.market.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.market.entity.ApiKey;

/**
 * An API key as the owner sees it. {@code key} is present only in the answer to its creation: it is stored as a
 * hash and cannot be shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(UUID id, String name, String prefix, String key, Instant createdAt, Instant revokedAt,
        Instant lastUsedAt) {

    public static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id, k.name, k.prefix, null, k.createdAt, k.revokedAt, k.lastUsedAt);
    }

    public static ApiKeyView created(ApiKey k, String plaintextKey) {
        return new ApiKeyView(k.id, k.name, k.prefix, plaintextKey, k.createdAt, null, null);
    }
}
