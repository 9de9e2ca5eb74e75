package io.mailoo.market.service;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.market.rest.OrderInput;

/**
 * What "the same body" means for Idempotency-Key: the SHA-256 of the parsed order written back as JSON, so
 * whitespace and key order do not matter but any value does.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(OrderInput input) {
        return ApiKeyCodec.hash(EventCodec.encodeToString(input));
    }
}
