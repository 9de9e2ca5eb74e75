package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Subscriber;

/**
 * A subscriber with its welcome status: NONE (no active campaign), QUEUED, DEFERRED, SENT, FAILED (errorCode),
 * NOT_CONFIGURED (no outboundMail when they subscribed) or SKIPPED_RATE_LIMITED: shared-contracts MailState.
 */
public record SubscriberView(String id, String email, String name, String welcomeStatus, String welcomeErrorCode,
        Instant createdAt) {

    public static SubscriberView of(Subscriber s) {
        return new SubscriberView(s.id.toString(), s.email, s.name, s.welcomeStatus, s.welcomeErrorCode,
                s.createdAt);
    }
}
