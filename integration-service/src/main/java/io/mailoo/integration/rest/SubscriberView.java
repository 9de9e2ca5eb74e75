package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.events.MailState;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.entity.SubscriptionStatus;

/**
 * A subscriber: {@code status} PENDING_CONFIRMATION (double opt-in, until {@code confirmBy}), SUBSCRIBED or
 * UNSUBSCRIBED; the confirmation mail's status (null without double opt-in) and the welcome's — NONE (no active
 * campaign, or not confirmed yet), QUEUED, DEFERRED, SENT, FAILED (errorCode), NOT_CONFIGURED (no outboundMail),
 * SKIPPED_RATE_LIMITED or SKIPPED_UNSUBSCRIBED: shared-contracts MailState.
 */
@Schema(requiredProperties = { "id", "email", "name", "status", "confirmBy", "confirmedAt", "unsubscribedAt",
        "confirmationStatus", "confirmationErrorCode", "welcomeStatus", "welcomeErrorCode", "createdAt" })
public record SubscriberView(String id, String email, @Schema(nullable = true) String name,
        @Schema(implementation = SubscriptionStatus.class) String status,
        @Schema(nullable = true) Instant confirmBy, @Schema(nullable = true) Instant confirmedAt,
        @Schema(nullable = true) Instant unsubscribedAt,
        @Schema(nullable = true) String confirmationStatus,
        @Schema(nullable = true) String confirmationErrorCode,
        @Schema(implementation = MailState.class) String welcomeStatus,
        @Schema(nullable = true) String welcomeErrorCode, Instant createdAt) {

    public static SubscriberView of(Subscriber s) {
        return new SubscriberView(s.id.toString(), s.email, s.name, s.status.name(), s.confirmBy, s.confirmedAt,
                s.unsubscribedAt, s.confirmationStatus, s.confirmationErrorCode, s.welcomeStatus, s.welcomeErrorCode,
                s.createdAt);
    }
}
