-- Subscriber lifecycle on FORM integrations (issue 16): optional double opt-in per integration, confirmation mail,
-- unsubscribe. Existing subscribers are SUBSCRIBED: they were taken without a confirmation, as before.
ALTER TABLE integration ADD COLUMN double_opt_in boolean NOT NULL DEFAULT false;

ALTER TABLE subscriber
    ADD COLUMN status                  text NOT NULL DEFAULT 'SUBSCRIBED',
    ADD COLUMN confirm_by              timestamptz,
    ADD COLUMN confirmed_at            timestamptz,
    ADD COLUMN unsubscribed_at         timestamptz,
    ADD COLUMN confirmation_status     text,
    ADD COLUMN confirmation_error_code text,
    ADD COLUMN confirmation_message_id uuid UNIQUE;

-- the cleanup of unconfirmed subscribers reads only these rows
CREATE INDEX subscriber_unconfirmed ON subscriber (confirm_by) WHERE status = 'PENDING_CONFIRMATION';
