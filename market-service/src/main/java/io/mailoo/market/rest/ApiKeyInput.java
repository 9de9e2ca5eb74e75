package io.mailoo.market.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of POST …/market/api-keys: a label so the owner can tell keys apart. */
@Schema(description = "Optional; an empty body is fine.")
public record ApiKeyInput(@Schema(nullable = true, maxLength = 100) String name) {
}
