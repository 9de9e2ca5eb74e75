-- The mark "result not yet acknowledged by Kafka" (V5) moves out of dispatch_message into a narrow table of its own
-- (docs/dispatch.md "Results survive a crash"; docs/benchmarks.md, 2026-12-05). As an indexed column of the wide row it
-- made every acknowledgement a non-HOT update of dispatch_message: a new row version and an entry in each of its
-- indexes, for every message sent. An acknowledgement is now the delete of a small row.
CREATE TABLE dispatch_result_unpublished (
    message_id      uuid PRIMARY KEY,
    kafka_partition integer,
    since           timestamptz NOT NULL
);
CREATE INDEX dispatch_result_unpublished_since ON dispatch_result_unpublished (since);

-- The marks present now are moved (and cleared in the old column, so an older replica does not publish them again).
INSERT INTO dispatch_result_unpublished (message_id, kafka_partition, since)
SELECT message_id, kafka_partition, result_unpublished_since FROM dispatch_message
WHERE result_unpublished_since IS NOT NULL;
UPDATE dispatch_message SET result_unpublished_since = NULL WHERE result_unpublished_since IS NOT NULL;

-- The old column and its partial index stay for a rolling update (deploy/k8s: maxSurge 1): a replica of the earlier
-- version keeps writing them until it is replaced. This code never sets the column, so its rows are in no entry of
-- that index and it costs nothing. A later migration drops both once no earlier replica can run.

-- Room on each page for the lease renewals (lease_until and lease_owner are in no index): they can then be HOT updates,
-- which write no index entries. New pages only; existing ones keep their fill until rewritten.
ALTER TABLE dispatch_message SET (fillfactor = 80);
