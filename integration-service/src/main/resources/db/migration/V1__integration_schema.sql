-- Projects and who may see them.
CREATE TABLE project (
    id            uuid PRIMARY KEY,
    name          text NOT NULL,
    owner_user_id text NOT NULL,
    version       bigint NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX project_owner ON project (owner_user_id);

CREATE TABLE project_member (
    project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    user_id    text NOT NULL,
    email      text,
    added_at   timestamptz NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_member_user ON project_member (user_id);

-- Integrations. mail_profile_version survives removal of the profile so a re-added profile is never "older".
CREATE TABLE integration (
    id                   uuid PRIMARY KEY,
    project_id           uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    type                 text NOT NULL,
    name                 text NOT NULL,
    public_key           text NOT NULL UNIQUE,
    active               boolean NOT NULL,
    version              bigint NOT NULL,
    mail_profile_version bigint NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL
);
CREATE INDEX integration_project ON integration (project_id);

-- outboundMail: the password only ever as AES-GCM ciphertext (sealed with integration:{id} as associated data).
CREATE TABLE outbound_mail (
    integration_id      uuid PRIMARY KEY REFERENCES integration (id) ON DELETE CASCADE,
    host                text NOT NULL,
    port                integer NOT NULL,
    security            text NOT NULL,
    username            text,
    password_key_id     text,
    password_ciphertext text,
    from_address        text NOT NULL,
    from_name           text,
    reply_to            text,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE inbound_message (
    id             uuid PRIMARY KEY,
    integration_id uuid NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    email          text NOT NULL,
    name           text,
    message        text,
    fields         text,
    received_at    timestamptz NOT NULL
);
CREATE INDEX inbound_message_integration ON inbound_message (integration_id, received_at);

-- A reply's id is the messageId of its SendMailRequested, so results find it directly.
CREATE TABLE reply (
    id                 uuid PRIMARY KEY,
    inbound_message_id uuid NOT NULL REFERENCES inbound_message (id) ON DELETE CASCADE,
    integration_id     uuid NOT NULL,
    author_user_id     text NOT NULL,
    recipient          text NOT NULL,
    subject            text NOT NULL,
    text_body          text,
    html_body          text,
    status             text NOT NULL,
    error_code         text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX reply_message ON reply (inbound_message_id, created_at);

CREATE TABLE campaign (
    id             uuid PRIMARY KEY,
    integration_id uuid NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    name           text NOT NULL,
    trigger        text NOT NULL,
    event          text NOT NULL,
    subject        text NOT NULL,
    body_template  text NOT NULL,
    active         boolean NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX campaign_integration ON campaign (integration_id);

CREATE TABLE subscriber (
    id                 uuid PRIMARY KEY,
    integration_id     uuid NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    email              text NOT NULL,
    name               text,
    fields             text,
    welcome_status     text NOT NULL,
    welcome_error_code text,
    welcome_message_id uuid UNIQUE,
    created_at         timestamptz NOT NULL
);
CREATE INDEX subscriber_integration ON subscriber (integration_id, created_at);

CREATE TABLE outbox_event (
    id          uuid PRIMARY KEY,
    topic       text NOT NULL,
    message_key text NOT NULL,
    ce_type     text,
    payload     bytea,
    created_at  timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
