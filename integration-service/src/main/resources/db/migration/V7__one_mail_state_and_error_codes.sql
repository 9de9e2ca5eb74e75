-- Issue 13: rows written before the one mail-state model (shared-contracts MailState) and the one error-code
-- catalogue (shared-contracts ErrorCode) read like rows written after it.
UPDATE subscriber SET welcome_status = 'NOT_CONFIGURED' WHERE welcome_status = 'SKIPPED_NOT_CONFIGURED';
UPDATE subscriber SET welcome_status = 'NOT_CONFIGURED'
 WHERE welcome_status = 'FAILED' AND welcome_error_code = 'PROFILE_NOT_CONFIGURED';
UPDATE reply SET status = 'NOT_CONFIGURED' WHERE status = 'FAILED' AND error_code = 'PROFILE_NOT_CONFIGURED';

UPDATE reply SET error_code = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE error_code = v.old;
UPDATE subscriber SET welcome_error_code = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE welcome_error_code = v.old;
UPDATE smtp_settings_audit SET outcome = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE outcome = v.old;
