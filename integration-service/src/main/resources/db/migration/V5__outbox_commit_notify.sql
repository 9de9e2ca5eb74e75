-- the same trigger as in every service with an outbox (docs/service-conventions.md, Outbox)
-- The outbox relay LISTENs on mailoo_outbox: PostgreSQL delivers the notification when the inserting transaction
-- commits (one per transaction however many rows), so events move right after commit instead of at the next poll.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mailoo_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
