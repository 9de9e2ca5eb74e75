package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The step of the SMTP dialogue an attempt failed at, as {@code smtpStep} of a result: together with the server's
 * reply it says what went wrong (e.g. RCPT_TO + 550 5.1.1 = the recipient does not exist).
 */
public enum SmtpStep {
    /** Resolving the host and opening the TCP connection. */
    CONNECT,
    /** The TLS handshake: on connect (SSL_TLS) or after STARTTLS; the certificate is checked here. */
    TLS,
    /** The server's 220 greeting. */
    GREETING,
    /** EHLO (or HELO for a server without ESMTP). */
    EHLO,
    /** The STARTTLS command, or the server not offering it. */
    STARTTLS,
    /** AUTH, or the server offering no mechanism we can use. */
    AUTH,
    MAIL_FROM,
    RCPT_TO,
    /** The DATA command (before the message). */
    DATA,
    /** The message itself: the server's reply to its final ".". */
    MESSAGE,
    /** A step this consumer does not know (a newer producer), or one the mail client does not tell. */
    @JsonEnumDefaultValue
    UNKNOWN
}
