-- Back to PostgreSQL's default storage (compressed, out of line): the benchmark was no slower with compression,
-- and it halves what a burst of queued bodies writes to disk (docs/benchmarks.md).
ALTER TABLE dispatch_message ALTER COLUMN request SET STORAGE EXTENDED;
