-- Which SecretBinding sealed password_ciphertext: 1 = the profileRef alone (before the server was bound),
-- 2 = profileRef and server identity (SecretBinding v2). LegacySecretReseal moves every 1 to 2 at startup.
-- The default stays 1: a row written by an instance that predates this column is re-sealed, never trusted as 2.
ALTER TABLE offer_mail_settings ADD COLUMN password_binding_version integer NOT NULL DEFAULT 1;
UPDATE offer_mail_settings SET password_binding_version = 2 WHERE password_ciphertext IS NULL;
