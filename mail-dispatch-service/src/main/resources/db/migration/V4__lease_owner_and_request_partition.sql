-- Leases are short and renewed by their holder (docs/dispatch.md, "Leases"): lease_owner is the instance that holds
-- the row, so a process renews only its own. kafka_partition is the request's partition of mailoo.mail-requests.v1:
-- only the replica assigned that partition takes the row, which keeps all of a profile's sends in one process.
-- Rows stored before this migration have no partition and may be taken by any replica.
ALTER TABLE dispatch_message ADD COLUMN lease_owner uuid;
ALTER TABLE dispatch_message ADD COLUMN kafka_partition integer;
