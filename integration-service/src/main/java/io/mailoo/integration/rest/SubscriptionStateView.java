package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a link's POST to a mail client or script: where the subscription stands now. */
@Schema(requiredProperties = "status")
public record SubscriptionStateView(
        @Schema(enumeration = { "PENDING_CONFIRMATION", "SUBSCRIBED", "UNSUBSCRIBED" }) String status) {
}
