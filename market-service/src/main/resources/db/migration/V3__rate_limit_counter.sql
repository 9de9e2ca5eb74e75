-- service-support's RateLimitCounterCleanup runs in every service that has service-support (db/shared/README.md)
CREATE TABLE rate_limit_counter (
    bucket       char(64)    NOT NULL,  -- SHA-256 hex of limit name + key: no address or id in clear
    window_index bigint      NOT NULL,
    hits         integer     NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (bucket, window_index)
);
CREATE INDEX rate_limit_counter_expiry ON rate_limit_counter (expires_at);
