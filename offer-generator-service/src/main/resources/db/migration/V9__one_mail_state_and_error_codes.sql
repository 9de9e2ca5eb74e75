-- Issue 13: rows written before the one mail-state model (shared-contracts MailState: REJECTED is FAILED, the
-- errorCode says why) and the one error-code catalogue (shared-contracts ErrorCode) read like rows written after it.
UPDATE offer_submission SET delivery_status = 'FAILED' WHERE delivery_status = 'REJECTED';
UPDATE offer_submission SET internal_status = 'FAILED' WHERE internal_status = 'REJECTED';

UPDATE offer_submission SET delivery_error_code = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE delivery_error_code = v.old;
UPDATE offer_submission SET internal_error_code = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE internal_error_code = v.old;
UPDATE smtp_settings_audit SET outcome = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE outcome = v.old;
