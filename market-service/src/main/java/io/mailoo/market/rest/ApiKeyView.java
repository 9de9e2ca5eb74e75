package io.mailoo.market.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.market.entity.ApiKey;

/**
 * An API key as the owner lists it: never the key (only {@link ApiKeyCreated} has it); fields without a value are
 * absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = { "id", "prefix", "createdAt" })
public record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant revokedAt,
        @Schema(description = "The last request the key was accepted on, at most a few seconds old.")
        Instant lastUsedAt) {

    public static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id, k.name, k.prefix, k.createdAt, k.revokedAt, k.lastUsedAt);
    }
}
