package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Subscriber;

/**
 * A subscriber: {@code status} PENDING_CONFIRMATION (double opt-in, until {@code confirmBy}), SUBSCRIBED or
 * UNSUBSCRIBED; the confirmation mail's status (null without double opt-in) and the welcome's — NONE (no active
 * campaign, or not confirmed yet), QUEUED, DEFERRED, SENT, FAILED (errorCode), NOT_CONFIGURED (no outboundMail),
 * SKIPPED_RATE_LIMITED or SKIPPED_UNSUBSCRIBED: shared-contracts MailState.
 */
public record SubscriberView(String id, String email, String name, String status, Instant confirmBy,
        Instant confirmedAt, Instant unsubscribedAt, String confirmationStatus, String confirmationErrorCode,
        String welcomeStatus, String welcomeErrorCode, Instant createdAt) {

    public static SubscriberView of(Subscriber s) {
        return new SubscriberView(s.id.toString(), s.email, s.name, s.status.name(), s.confirmBy, s.confirmedAt,
                s.unsubscribedAt, s.confirmationStatus, s.confirmationErrorCode, s.welcomeStatus, s.welcomeErrorCode,
                s.createdAt);
    }
}
