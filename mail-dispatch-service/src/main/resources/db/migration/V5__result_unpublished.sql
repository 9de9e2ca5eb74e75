-- A result is recorded with the outcome and published after the commit; until Kafka acknowledged it the row says
-- since when it waits (docs/dispatch.md, "Results survive a crash"). A process killed between the two leaves the
-- flag set and ResultRepublisher publishes the stored result again.
ALTER TABLE dispatch_message ADD COLUMN result_unpublished_since timestamptz;
CREATE INDEX dispatch_message_result_unpublished ON dispatch_message (result_unpublished_since)
    WHERE result_unpublished_since IS NOT NULL;
