-- Stored request bodies are compressed with lz4 instead of pglz (docs/benchmarks.md, ninth session): pglz_compress was
-- 17 % of PostgreSQL's CPU during a 50,000-message burst (perf), and every body is compressed once and read at most a
-- few times before it is cleared. lz4 compresses several times faster for a similar size. Values already stored keep
-- pglz and stay readable. A server built without lz4 keeps pglz (the migration still succeeds).
DO $$
BEGIN
    ALTER TABLE dispatch_message ALTER COLUMN request SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: request bodies stay compressed with pglz';
END
$$;
