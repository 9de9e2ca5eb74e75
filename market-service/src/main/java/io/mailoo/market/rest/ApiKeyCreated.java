package io.mailoo.market.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.market.entity.ApiKey;

/**
 * The answer to the creation of an API key: the only answer that carries {@code key}, which is stored as a hash and
 * cannot be shown again; {@code name} is absent when none was given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = { "id", "prefix", "key", "createdAt" })
public record ApiKeyCreated(UUID id, String name, String prefix,
        @Schema(description = "The key, this once: Authorization: Bearer <key> on the integrator routes.") String key,
        Instant createdAt) {

    public static ApiKeyCreated of(ApiKey k, String plaintextKey) {
        return new ApiKeyCreated(k.id, k.name, k.prefix, plaintextKey, k.createdAt);
    }
}
