package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.events.MailState;
import io.mailoo.integration.entity.Subscriber;

/**
 * A subscriber with its welcome status: NONE (no active campaign), QUEUED, DEFERRED, SENT, FAILED (errorCode),
 * NOT_CONFIGURED (no outboundMail when they subscribed) or SKIPPED_RATE_LIMITED: shared-contracts MailState.
 */
@Schema(requiredProperties = { "id", "email", "name", "welcomeStatus", "welcomeErrorCode", "createdAt" })
public record SubscriberView(String id, String email, @Schema(nullable = true) String name,
        @Schema(implementation = MailState.class) String welcomeStatus,
        @Schema(nullable = true) String welcomeErrorCode, Instant createdAt) {

    public static SubscriberView of(Subscriber s) {
        return new SubscriberView(s.id.toString(), s.email, s.name, s.welcomeStatus, s.welcomeErrorCode,
                s.createdAt);
    }
}
