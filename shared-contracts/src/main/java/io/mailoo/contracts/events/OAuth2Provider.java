package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Who issued an SMTP profile's OAuth2 grant. The platform's OAuth app of each provider is configured by the operator
 * (docs/oauth2.md); {@code GENERIC} is one operator-configured authorization server (authorize and token URLs, scope).
 */
public enum OAuth2Provider {
    MICROSOFT,
    GOOGLE,
    GENERIC,
    /** A provider this consumer does not know (a newer producer); never sent by a producer. */
    @JsonEnumDefaultValue
    UNKNOWN
}
