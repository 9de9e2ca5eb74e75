package io.mailoo.integration.entity;

/** Kinds of integration; only some send mail of their own. */
public enum IntegrationType {
    FORM,
    CONTACT_FORM,
    MARKET,
    WEBHOOK;

    /** FORM, CONTACT_FORM and MARKET may have outboundMail (DESIGN §1). */
    public boolean sendsMail() {
        return this != WEBHOOK;
    }

    /** Public submissions create inbound messages for these. */
    public boolean acceptsSubmissions() {
        return this == FORM || this == CONTACT_FORM;
    }

    /** Public subscriptions create subscribers for FORM only. */
    public boolean acceptsSubscriptions() {
        return this == FORM;
    }
}
