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

INSERT INTO dispatch_result_unpublished (message_id, kafka_partition, since)
SELECT message_id, kafka_partition, result_unpublished_since FROM dispatch_message
WHERE result_unpublished_since IS NOT NULL;

DROP INDEX dispatch_message_result_unpublished;
ALTER TABLE dispatch_message DROP COLUMN result_unpublished_since;

-- Room on each page for the lease renewals (lease_until and lease_owner are in no index): they can then be HOT updates,
-- which write no index entries. New pages only; existing ones keep their fill until rewritten.
ALTER TABLE dispatch_message SET (fillfactor = 80);
