-- Campaigns switched off by the template sandbox say why (code + sentence), instead of failing every welcome.
ALTER TABLE campaign ADD COLUMN deactivated_reason_code text;
ALTER TABLE campaign ADD COLUMN deactivated_reason text;

-- One subscriber per (integration, lower-cased email): fold earlier duplicates into the first subscription.
DELETE FROM subscriber s
USING subscriber keep
WHERE keep.integration_id = s.integration_id
  AND lower(keep.email) = lower(s.email)
  AND (keep.created_at, keep.id) < (s.created_at, s.id);
CREATE UNIQUE INDEX subscriber_integration_email ON subscriber (integration_id, lower(email));

-- service-support SharedRateLimiter / RateLimitCounterCleanup (service-support/src/main/resources/db/shared/README.md)
CREATE TABLE rate_limit_counter (
    bucket       char(64)    NOT NULL,  -- SHA-256 hex of limit name + key: no address or id in clear
    window_index bigint      NOT NULL,
    hits         integer     NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (bucket, window_index)
);
CREATE INDEX rate_limit_counter_expiry ON rate_limit_counter (expires_at);

-- service-support SmtpSettingsAudit
CREATE TABLE smtp_settings_audit (
    id             uuid PRIMARY KEY,
    profile_ref    text        NOT NULL,
    action         text        NOT NULL,
    actor_user_id  text        NOT NULL,
    actor_email    text,
    changed_fields text        NOT NULL,
    outcome        text,
    client_address text,
    occurred_at    timestamptz NOT NULL
);
CREATE INDEX smtp_settings_audit_profile ON smtp_settings_audit (profile_ref, occurred_at DESC);
