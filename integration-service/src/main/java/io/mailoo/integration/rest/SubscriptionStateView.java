package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.SubscriptionStatus;

/** The answer of a link's POST to a mail client or script: where the subscription stands now. */
@Schema(requiredProperties = "status")
public record SubscriptionStateView(
        @Schema(implementation = SubscriptionStatus.class) String status) {
}
