-- Versioned removals (docs/service-conventions.md): a tombstone this service publishes (mail settings removed)
-- carries its version, and a removal this service's projections applied is remembered so a late, older save does
-- not bring the row back.
ALTER TABLE outbox_event ADD COLUMN removed_version bigint;

CREATE TABLE projection_removal (
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    version     bigint      NOT NULL,
    removed_at  timestamptz NOT NULL,
    PRIMARY KEY (topic, message_key)
);
