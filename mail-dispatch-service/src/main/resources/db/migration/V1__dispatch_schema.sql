-- Profiles as projected from mailoo.mail-profiles.v1. The password inside settings stays sealed.
CREATE TABLE mail_profile (
    profile_ref               text PRIMARY KEY,
    project_uid               text,
    version                   bigint      NOT NULL,
    settings                  text,
    removed                   boolean     NOT NULL DEFAULT false,
    consecutive_auth_failures integer     NOT NULL DEFAULT 0,
    suspended_at              timestamptz,
    last_error_code           text,
    last_error_at             timestamptz,
    updated_at                timestamptz NOT NULL
);

-- One row per messageId: the idempotency record, the durable retry queue and the operators' log.
-- request holds the request without any inline profile, and is cleared once the message reaches a final status.
CREATE TABLE dispatch_message (
    message_id         uuid PRIMARY KEY,
    profile_ref        text        NOT NULL,
    purpose            text        NOT NULL,
    source_service     text,
    source_entity_type text,
    source_entity_id   text,
    status             text        NOT NULL,
    attempt            integer     NOT NULL DEFAULT 0,
    request            text,
    next_attempt_at    timestamptz,
    lease_until        timestamptz,
    expires_at         timestamptz NOT NULL,
    smtp_code          integer,
    smtp_enhanced_code text,
    smtp_message       text,
    error_code         text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX dispatch_message_due ON dispatch_message (next_attempt_at) WHERE status IN ('QUEUED', 'DEFERRED');
CREATE INDEX dispatch_message_profile ON dispatch_message (profile_ref, updated_at DESC);
CREATE INDEX dispatch_message_status ON dispatch_message (status, updated_at DESC);
