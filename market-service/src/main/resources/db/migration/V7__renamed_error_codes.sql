-- Issue 13: confirmation mails' error codes written before the one error-code catalogue (shared-contracts ErrorCode).
UPDATE market_order SET mail_error_code = v.new FROM (VALUES ('KEY_MISSING', 'ENCRYPTION_KEY_MISSING'), ('SECRET_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'),
        ('STORED_PASSWORD_UNREADABLE', 'SMTP_PASSWORD_UNREADABLE'), ('INVALID_ADDRESS', 'ADDRESS_INVALID'),
        ('INVALID_REQUEST', 'REQUEST_INVALID'), ('EXPIRED', 'MAIL_EXPIRED')) AS v(old, new) WHERE mail_error_code = v.old;
