package io.mailoo.dispatch.rest;

import java.time.Duration;
import java.time.Instant;

import io.mailoo.dispatch.repository.OAuthGrantRepository.StoredGrant;

/**
 * A profile's OAuth2 grant for operators: who issued it for which mailbox, its state, when it was last refreshed and
 * used, and whether it is at risk of expiring for inactivity (not refreshed for DISPATCH_OAUTH_IDLE_WARNING). No
 * token, sealed or not.
 */
public record OAuthGrantView(String grantId, String provider, String account, String state, Instant connectedAt,
        Instant refreshedAt, Instant lastUsedAt, Instant accessExpiresAt, Instant reconnectRequiredAt,
        boolean atRisk, Instant atRiskReportedAt) {

    public static OAuthGrantView of(StoredGrant grant, Duration idleWarning, Instant now) {
        Instant lastRefresh = grant.refreshedAt() != null ? grant.refreshedAt() : grant.createdAt();
        return new OAuthGrantView(grant.grantId(), grant.provider(), grant.account(), grant.state().name(),
                grant.createdAt(), grant.refreshedAt(), grant.lastUsedAt(), grant.accessExpiresAt(),
                grant.reconnectRequiredAt(), lastRefresh.plus(idleWarning).isBefore(now), grant.idleReportedAt());
    }
}
