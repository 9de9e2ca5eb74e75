package io.mailoo.market.rest;

/** Optional body of POST …/market/api-keys: a label so the owner can tell keys apart. */
public record ApiKeyInput(String name) {
}
