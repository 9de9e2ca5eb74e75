-- When dispatch reported the generator's saved SMTP profile suspended (PROFILE_SUSPENDED after repeated SMTP
-- authentication failures); NULL = sending works. Cleared by every save; the row goes on removal.
ALTER TABLE offer_mail_settings ADD COLUMN suspended_at timestamptz;
