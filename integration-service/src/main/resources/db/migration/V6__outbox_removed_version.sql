-- Versioned removals (docs/service-conventions.md): a tombstone (outboundMail removed) carries the profile version of
-- the removal in the mailoo-removed-version header, so projectors order it against saves whatever the delivery order.
ALTER TABLE outbox_event ADD COLUMN removed_version bigint;
