-- An order's confirmation request no longer NOTIFYs at commit. PostgreSQL serialises the commits of every transaction
-- that sent a NOTIFY (a database-wide lock held until the commit's WAL flush), which cut one order + one outbox row
-- per transaction from ≈ 2,200 to ≈ 750 tps on 16 connections (pgbench, docs/benchmarks.md). The order path tells
-- the relay itself once its statement has committed (Outbox.committed); the poll stays the safety net.
DROP TRIGGER outbox_event_notify ON outbox_event;
DROP FUNCTION outbox_event_notify();
