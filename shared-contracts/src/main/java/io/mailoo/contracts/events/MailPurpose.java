package io.mailoo.contracts.events;

/** Why a mail is sent; decides which profiles it may use. */
public enum MailPurpose {
    INBOUND_REPLY,
    WELCOME,
    ORDER_CONFIRMATION,
    OFFER_DELIVERY,
    OFFER_INTERNAL_NOTIFICATION,
    SMTP_TEST,
    PLATFORM_NOTIFICATION
}
