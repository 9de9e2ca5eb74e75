-- The request is kept as the JSON bytes it arrived as (no re-encoding on the hot path), stored out of line without
-- compression: bodies are short-lived (cleared once final) and compressing each one costs more CPU than it saves.
ALTER TABLE dispatch_message ALTER COLUMN request TYPE bytea USING convert_to(request, 'UTF8');
ALTER TABLE dispatch_message ALTER COLUMN request SET STORAGE EXTERNAL;
