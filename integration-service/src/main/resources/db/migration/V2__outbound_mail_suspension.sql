-- When dispatch reported the saved outboundMail profile suspended (PROFILE_SUSPENDED after repeated SMTP
-- authentication failures); NULL = sending works. Cleared by every save; the row goes on removal.
ALTER TABLE outbound_mail ADD COLUMN suspended_at timestamptz;
