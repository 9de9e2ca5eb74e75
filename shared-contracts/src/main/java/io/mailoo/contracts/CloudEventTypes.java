package io.mailoo.contracts;

/** Values of the {@code ce_type} header, one per event class, and the {@code ce_source} of each service. */
public final class CloudEventTypes {
    public static final String SPEC_VERSION = "1.0";

    public static final String PROJECT_CHANGED = "io.mailoo.project.changed.v1";
    public static final String INTEGRATION_CHANGED = "io.mailoo.integration.changed.v1";
    public static final String MAIL_PROFILE_CHANGED = "io.mailoo.mail-profile.changed.v1";
    public static final String SEND_MAIL_REQUESTED = "io.mailoo.mail.send-requested.v1";
    public static final String MAIL_DISPATCH_RESULT = "io.mailoo.mail.dispatch-result.v1";

    public static final String SOURCE_INTEGRATION_SERVICE = "/mailoo/integration-service";
    public static final String SOURCE_MARKET_SERVICE = "/mailoo/market-service";
    public static final String SOURCE_OFFER_GENERATOR_SERVICE = "/mailoo/offer-generator-service";
    public static final String SOURCE_MAIL_DISPATCH_SERVICE = "/mailoo/mail-dispatch-service";

    private CloudEventTypes() {
    }
}
