-- Who owns and who may see a project: a projection of mailoo.projects.v1 (integration-service is the source).
CREATE TABLE project_access (
    project_uid     text PRIMARY KEY,
    owner_user_id   text NOT NULL,
    member_user_ids text NOT NULL,          -- JSON array of user ids
    version         bigint NOT NULL
);

CREATE TABLE offer_generator (
    id                    uuid PRIMARY KEY,
    project_uid           text NOT NULL,
    name                  text NOT NULL,
    currency              text NOT NULL,
    base_price_minor      bigint NOT NULL,
    market_integration_id text,
    wizard                text NOT NULL,    -- JSON of the validated wizard definition
    -- grows with every save or removal of the mail settings, kept when they are removed so versions never repeat
    mail_profile_version  bigint NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL
);
CREATE INDEX offer_generator_project ON offer_generator (project_uid, created_at);

CREATE TABLE offer_mail_settings (
    generator_id                  uuid PRIMARY KEY REFERENCES offer_generator (id) ON DELETE CASCADE,
    smtp_host                     text NOT NULL,
    smtp_port                     integer NOT NULL,
    smtp_security                 text NOT NULL,
    smtp_username                 text,
    password_key_id               text,
    password_ciphertext           text,
    from_address                  text NOT NULL,
    from_name                     text,
    reply_to                      text,
    internal_notification_address text,
    company_name                  text,
    logo_url                      text,
    primary_color                 text,
    footer_text                   text,
    updated_at                    timestamptz NOT NULL
);

CREATE TABLE offer_submission (
    id                  uuid PRIMARY KEY,
    generator_id        uuid NOT NULL REFERENCES offer_generator (id) ON DELETE CASCADE,
    customer_email      text NOT NULL,
    customer_name       text,
    answers             text NOT NULL,      -- JSON object fieldId -> value
    offer               text NOT NULL,      -- JSON {lines, total, currency}
    delivery_message_id uuid,
    delivery_status     text NOT NULL,
    delivery_error_code text,
    internal_message_id uuid,
    internal_status     text NOT NULL,
    internal_error_code text,
    created_at          timestamptz NOT NULL
);
CREATE INDEX offer_submission_generator ON offer_submission (generator_id, created_at);
CREATE INDEX offer_submission_delivery ON offer_submission (delivery_message_id);
CREATE INDEX offer_submission_internal ON offer_submission (internal_message_id);

CREATE TABLE outbox_event (id uuid PRIMARY KEY, topic text NOT NULL, message_key text NOT NULL, ce_type text,
    payload bytea, created_at timestamptz NOT NULL, published_at timestamptz);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
