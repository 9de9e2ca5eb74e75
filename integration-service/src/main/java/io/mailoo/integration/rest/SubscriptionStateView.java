package io.mailoo.integration.rest;

/** The answer of a link's POST to a mail client or script: where the subscription stands now. */
public record SubscriptionStateView(String status) {
}
