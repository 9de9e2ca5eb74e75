-- The SMTP fields of the audit trail are named as in integration-service (host, password, …) since both services
-- share the smtpprofile component; entries written before named them smtp.host, smtp.password, …
UPDATE smtp_settings_audit
SET changed_fields = regexp_replace(changed_fields, '(^|,)smtp\.', '\1', 'g')
WHERE changed_fields LIKE '%smtp.%';
