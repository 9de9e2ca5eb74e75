package io.mailoo.contracts.events;

/** Transport security of an SMTP connection. */
public enum SmtpSecurity {
    STARTTLS,
    SSL_TLS,
    NONE
}
