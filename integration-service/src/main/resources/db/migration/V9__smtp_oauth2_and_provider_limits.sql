-- Issue 14: an SMTP profile's provider preset, its own sending limits and an OAuth2 login (service-support SmtpProfile).
ALTER TABLE outbound_mail
    ADD COLUMN provider                  text,
    ADD COLUMN max_connections           integer,
    ADD COLUMN messages_per_minute       integer,
    ADD COLUMN recipients_per_day        integer,
    ADD COLUMN oauth2_provider           text,
    ADD COLUMN oauth2_account            text,
    ADD COLUMN oauth2_grant_id           text,
    ADD COLUMN oauth2_refresh_key_id     text,
    ADD COLUMN oauth2_refresh_ciphertext text,
    -- as password_binding_version: a refresh token marked 1 is re-sealed at startup, never trusted
    ADD COLUMN oauth2_binding_version    integer NOT NULL DEFAULT 1,
    ADD COLUMN oauth2_connected_at       timestamptz,
    ADD COLUMN reconnect_required_at     timestamptz;

-- Started OAuth2 connects (service-support OAuthConnect; db/shared/README.md): 10 minutes, used once, the state hashed.
CREATE TABLE oauth_state (
    state_hash          char(64)    PRIMARY KEY,
    user_id             text        NOT NULL,
    profile_ref         text        NOT NULL,
    provider            text        NOT NULL,
    verifier_key_id     text        NOT NULL,
    verifier_ciphertext text        NOT NULL,
    settings            text        NOT NULL,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL
);
CREATE INDEX oauth_state_expiry ON oauth_state (expires_at);
