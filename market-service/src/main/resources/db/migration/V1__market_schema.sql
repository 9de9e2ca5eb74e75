-- Projections of integration-service's topics: who may manage a project, which integrations exist, and whether
-- an integration has a mail profile (its version only; the SMTP settings and secret never reach this service).
CREATE TABLE project_access (
    project_uid     text PRIMARY KEY,
    owner_user_id   text NOT NULL,
    member_user_ids text NOT NULL DEFAULT '[]', -- JSON array; read as a whole, never queried by member
    version         bigint NOT NULL
);

CREATE TABLE integration_view (
    integration_id text PRIMARY KEY,
    project_uid    text NOT NULL,
    type           text NOT NULL,
    name           text,
    active         boolean NOT NULL,
    version        bigint NOT NULL
);

CREATE TABLE mail_profile_state (
    profile_ref text PRIMARY KEY,
    version     bigint NOT NULL,
    configured  boolean NOT NULL
);

CREATE TABLE product (
    id             uuid PRIMARY KEY,
    integration_id text NOT NULL,
    sku            text NOT NULL,
    name           text NOT NULL,
    price_minor    bigint NOT NULL CHECK (price_minor >= 0),
    currency       char(3) NOT NULL,
    created_at     timestamptz NOT NULL,
    CONSTRAINT product_sku_unique UNIQUE (integration_id, sku)
);

-- An integrator API key is stored as the SHA-256 of the whole key; only its prefix is kept readable.
CREATE TABLE api_key (
    id             uuid PRIMARY KEY,
    integration_id text NOT NULL,
    name           text,
    prefix         text NOT NULL,
    key_hash       text NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    last_used_at   timestamptz
);
CREATE INDEX api_key_integration ON api_key (integration_id);

-- Orders are immutable snapshots: lines keep the name and price at the time of the order (JSON).
CREATE TABLE market_order (
    id               uuid PRIMARY KEY,
    integration_id   text NOT NULL,
    project_uid      text NOT NULL,
    api_key_id       uuid NOT NULL,
    idempotency_key  text,
    request_hash     text NOT NULL,
    buyer_email      text NOT NULL,
    buyer_name       text,
    note             text,
    currency         char(3) NOT NULL,
    total_minor      bigint NOT NULL,
    lines            text NOT NULL,
    mail_message_id  uuid UNIQUE,
    mail_status      text NOT NULL,
    mail_error_code  text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT market_order_idempotency UNIQUE (integration_id, idempotency_key)
);

CREATE TABLE outbox_event (id uuid PRIMARY KEY, topic text NOT NULL, message_key text NOT NULL, ce_type text,
    payload bytea, created_at timestamptz NOT NULL, published_at timestamptz);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
