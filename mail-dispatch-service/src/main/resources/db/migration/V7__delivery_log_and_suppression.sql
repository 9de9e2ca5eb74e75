-- The owners' delivery log (docs/dispatch.md, "Delivery log"): whose project a message belongs to, to whom it goes,
-- every attempt, and a cancel that arrived while a process held the message.
ALTER TABLE dispatch_message ADD COLUMN project_uid text;
ALTER TABLE dispatch_message ADD COLUMN recipients text[];
ALTER TABLE dispatch_message ADD COLUMN cancel_requested_at timestamptz;
UPDATE dispatch_message m SET project_uid = p.project_uid FROM mail_profile p WHERE m.profile_ref = p.profile_ref;
-- messages still waiting keep their request: their recipients can be read back from it
UPDATE dispatch_message SET recipients = ARRAY(
        SELECT jsonb_array_elements_text(list) FROM (VALUES (r.j -> 'to'), (r.j -> 'cc'), (r.j -> 'bcc')) v(list)
        WHERE jsonb_typeof(list) = 'array')
    FROM (SELECT message_id AS id, convert_from(request, 'UTF8')::jsonb AS j FROM dispatch_message
          WHERE request IS NOT NULL) r
    WHERE message_id = r.id;
CREATE INDEX dispatch_message_log ON dispatch_message (profile_ref, created_at DESC, message_id DESC);

-- One row per recorded outcome of a message (an attempt, or what ended it without one), newest last.
CREATE TABLE dispatch_attempt (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id         uuid        NOT NULL,
    attempt            integer     NOT NULL,
    status             text        NOT NULL,
    error_code         text,
    smtp_code          integer,
    smtp_enhanced_code text,
    smtp_message       text,
    smtp_step          text,
    next_attempt_at    timestamptz,
    occurred_at        timestamptz NOT NULL
);
CREATE INDEX dispatch_attempt_message ON dispatch_attempt (message_id, id);

-- A profile's suppression list: recipients whose server refused them permanently (5xx at RCPT). Addresses are
-- stored normalised (trimmed, lower case); an entry counts until expires_at (DISPATCH_SUPPRESSION_DURATION).
CREATE TABLE recipient_suppression (
    profile_ref        text        NOT NULL,
    address            text        NOT NULL,
    message_id         uuid        NOT NULL,
    smtp_code          integer,
    smtp_enhanced_code text,
    smtp_message       text,
    suppressed_at      timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    PRIMARY KEY (profile_ref, address)
);

-- Who may read a profile's delivery log: projected from mailoo.projects.v1 (service-support's
-- CompactedTopicProjector; the tables as in service-support/src/main/resources/db/shared/README.md).
CREATE TABLE project_access (
    project_uid     text PRIMARY KEY,
    owner_user_id   text   NOT NULL,
    member_user_ids text   NOT NULL DEFAULT '[]', -- JSON array; read as a whole, never queried by member
    version         bigint NOT NULL
);
CREATE TABLE projection_removal (
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    version     bigint      NOT NULL,
    removed_at  timestamptz NOT NULL,
    PRIMARY KEY (topic, message_key)
);
