-- The OAuth2 grants of profiles (issue 14, docs/oauth2-dispatch.md): one row per grantId, the newest (rotated)
-- refresh token and the current access token, both sealed with SecretBinding.oauth2Token(profileRef, server,
-- provider, account, grantId). The event's refresh token is taken only for a grantId not stored yet; refreshes
-- lock the row (SELECT … FOR UPDATE) so two replicas never refresh one grant at once.
CREATE TABLE oauth_grant (
    grant_id              text PRIMARY KEY,
    profile_ref           text        NOT NULL,
    provider              text        NOT NULL,
    account               text        NOT NULL,
    refresh_token         text        NOT NULL,
    access_token          text,
    access_expires_at     timestamptz,
    refreshed_at          timestamptz,
    last_used_at          timestamptz,
    state                 text        NOT NULL DEFAULT 'ACTIVE',
    reconnect_required_at timestamptz,
    idle_reported_at      timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT oauth_grant_state CHECK (state IN ('ACTIVE', 'RECONNECT_REQUIRED'))
);
CREATE INDEX oauth_grant_profile ON oauth_grant (profile_ref);

-- The daily cap counts recipients of SENT mail per profile over the rolling 24 h from dispatch_message (shared by
-- every replica); this index keeps that sum to the profile's recent SENT rows.
CREATE INDEX dispatch_message_sent_window ON dispatch_message (profile_ref, updated_at) WHERE status = 'SENT';
