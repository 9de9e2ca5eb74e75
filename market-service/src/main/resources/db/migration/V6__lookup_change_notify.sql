-- market-service keeps its order-path lookups (API keys, integrations, mail-profile states) in memory for a moment
-- (OrderLookups). Every change of those rows NOTIFYs mailoo_market_lookups with the table's name, delivered when the
-- changing transaction commits, so each replica drops what it holds of that table at once instead of after the ttl.
-- api_key: not for the batched last_used_at writes (only those columns that decide whether a key is accepted).
CREATE FUNCTION market_lookup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mailoo_market_lookups', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER integration_view_changed AFTER INSERT OR UPDATE OR DELETE ON integration_view
    FOR EACH STATEMENT EXECUTE FUNCTION market_lookup_changed();
CREATE TRIGGER mail_profile_state_changed AFTER INSERT OR UPDATE OR DELETE ON mail_profile_state
    FOR EACH STATEMENT EXECUTE FUNCTION market_lookup_changed();
CREATE TRIGGER api_key_changed AFTER UPDATE OF revoked_at, key_hash, integration_id OR DELETE ON api_key
    FOR EACH STATEMENT EXECUTE FUNCTION market_lookup_changed();
