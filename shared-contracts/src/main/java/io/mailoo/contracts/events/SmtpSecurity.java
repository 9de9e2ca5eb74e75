package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Transport security of an SMTP connection. */
public enum SmtpSecurity {
    STARTTLS,
    SSL_TLS,
    NONE,
    /** A mode this consumer does not know (a newer producer): nothing connects with it; never sent by a producer. */
    @JsonEnumDefaultValue
    UNKNOWN
}
