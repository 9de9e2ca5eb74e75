package io.mailoo.integration.entity;

/**
 * Where a subscriber stands: waiting for the double opt-in confirmation (removed when the window passes), subscribed
 * (campaign mail may go), or unsubscribed (no campaign mail, kept so that the address is not asked again).
 */
public enum SubscriptionStatus {
    PENDING_CONFIRMATION,
    SUBSCRIBED,
    UNSUBSCRIBED
}
