-- Where in the SMTP dialogue an attempt failed (SmtpStep: CONNECT, TLS, GREETING, EHLO, STARTTLS, AUTH, MAIL_FROM,
-- RCPT_TO, DATA, MESSAGE, UNKNOWN); null when it did not fail there. Published as the result's smtpStep.
ALTER TABLE dispatch_message ADD COLUMN smtp_step text;
