package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a mail is sent; decides which profiles it may use. */
public enum MailPurpose {
    INBOUND_REPLY,
    WELCOME,
    ORDER_CONFIRMATION,
    OFFER_DELIVERY,
    OFFER_INTERNAL_NOTIFICATION,
    SMTP_TEST,
    PLATFORM_NOTIFICATION,
    /** The double opt-in mail of a FORM subscription, through the integration's own profile. */
    SUBSCRIPTION_CONFIRMATION,
    /** A purpose this consumer does not know (a newer producer); never sent by a producer. */
    @JsonEnumDefaultValue
    UNKNOWN
}
