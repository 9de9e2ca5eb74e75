-- One heartbeat row per running dispatch process (issue 12, docs/dispatch.md "Leases"): a process killed with SIGKILL
-- stops beating, and the replica that owns its partitions takes its leases after DISPATCH_INSTANCE_TIMEOUT instead of
-- waiting for them to run out.
CREATE TABLE dispatch_instance (
    instance_id  uuid PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);
