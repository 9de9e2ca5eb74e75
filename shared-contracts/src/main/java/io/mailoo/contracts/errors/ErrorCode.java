package io.mailoo.contracts.errors;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one catalogue of Mailoo's error codes: the problem+json {@code code} and {@code errors[].code} of every service
 * and the gateway, and the {@code errorCode} of mail results. A code is the subject first, then the problem
 * ({@code EMAIL_INVALID}, {@code NAME_REQUIRED}, {@code PROJECT_NOT_FOUND}, {@code API_KEY_REVOKED}); only codes about
 * the request as a whole are named after their HTTP status ({@code NOT_FOUND}, {@code RATE_LIMITED}). The rule and the
 * check that keeps services to this list are described in docs/service-conventions.md ("Errors").
 */
public enum ErrorCode {

    // --- the request as a whole (named after the HTTP status) ---
    BAD_REQUEST(400, Audience.API, "The request is not one the route understands."),
    UNAUTHORIZED(401, Audience.DASHBOARD, "The bearer token is missing, expired or not valid."),
    FORBIDDEN(403, Audience.DASHBOARD, "The caller may not do this."),
    NOT_FOUND(404, Audience.API, "Nothing answers at this path inside the service."),
    METHOD_NOT_ALLOWED(405, Audience.API, "The route does not take this HTTP method."),
    NOT_ACCEPTABLE(406, Audience.API, "The route cannot answer in the media type the Accept header asks for."),
    UNSUPPORTED_MEDIA_TYPE(415, Audience.API, "The body is not sent as application/json."),
    VALIDATION_FAILED(422, Audience.DASHBOARD, "More than one field is invalid; errors[] names each."),
    RATE_LIMITED(429, Audience.DASHBOARD,
            "Too many requests (or mails of a profile) in a short time; Retry-After says when to come back."),
    INTERNAL_ERROR(500, Audience.DASHBOARD, "Something failed inside the service; it was logged."),
    DATABASE_UNAVAILABLE(503, Audience.DASHBOARD,
            "The service's database is overloaded (out of connections) or restarting; nothing was stored; retry after "
                    + "Retry-After."),
    SERVICE_BUSY(503, Audience.DASHBOARD,
            "The service holds as many requests as it takes at once (HTTP_MAX_IN_FLIGHT); nothing was done; retry "
                    + "after Retry-After."),

    // --- the request's form ---
    JSON_MALFORMED(400, Audience.DASHBOARD, "The body is not JSON, or not of the expected shape."),
    REQUEST_TOO_LARGE(413, Audience.DASHBOARD, "The body is larger than the route accepts."),
    FIELD_UNKNOWN(422, Audience.FIELD, "The body has a field the route does not know (a misspelt name is not ignored)."),
    FIELD_NOT_TEXT(422, Audience.FIELD, "A field that must be a string has another JSON type."),
    FIELD_NOT_OBJECT(422, Audience.FIELD, "A field that must be an object has another JSON type."),
    LIMIT_INVALID(400, Audience.DASHBOARD, "A list's limit parameter is not a number in the allowed range."),
    SINCE_INVALID(400, Audience.DASHBOARD, "The since parameter is not an ISO-8601 instant."),
    STATUS_INVALID(400, Audience.DASHBOARD, "The status filter is not one of the mail statuses."),

    // --- the gateway ---
    ROUTE_NOT_FOUND(404, Audience.API, "No Mailoo API route exists for this path."),
    UPSTREAM_UNAVAILABLE(502, Audience.DASHBOARD, "The service behind this route is not reachable."),
    UPSTREAM_TIMEOUT(504, Audience.DASHBOARD, "The service behind this route did not answer in time."),
    /** Never answered by a server: the dashboard's own code when it cannot reach the gateway at all. */
    NETWORK_ERROR(0, Audience.DASHBOARD, "The dashboard could not reach the gateway."),

    // --- projects, members and integrations ---
    PROJECT_NOT_FOUND(404, Audience.DASHBOARD, "The project does not exist or the caller is not a member of it."),
    PROJECT_NOT_YET_VISIBLE(503, Audience.DASHBOARD,
            "The project was created moments ago and has not reached this service yet; retry after Retry-After."),
    OWNER_REQUIRED(403, Audience.DASHBOARD, "Only the project's owner may do this."),
    MEMBER_IS_OWNER(409, Audience.DASHBOARD, "The user to add as a member already owns the project."),
    NAME_REQUIRED(422, Audience.FIELD, "A name is missing."),
    NAME_INVALID(422, Audience.FIELD, "A name is too long, blank or has control characters."),
    EMAIL_REQUIRED(422, Audience.FIELD, "An email address is missing."),
    EMAIL_INVALID(422, Audience.FIELD, "An email address is not a plain local@domain address."),
    INTEGRATION_NOT_FOUND(404, Audience.DASHBOARD, "The integration does not exist in this project."),
    INTEGRATION_NOT_YET_VISIBLE(503, Audience.DASHBOARD,
            "The integration was created moments ago and has not reached this service yet; retry after Retry-After."),
    INTEGRATION_TYPE_INVALID(422, Audience.FIELD, "The integration type is not one Mailoo knows."),
    INTEGRATION_INACTIVE(409, Audience.API, "The integration is switched off, so it takes no orders."),
    INTEGRATION_NOT_MARKET(422, Audience.DASHBOARD, "The integration is not a market integration."),

    // --- public forms (submissions, subscriptions) ---
    FORM_NOT_FOUND(404, Audience.API, "No active integration has this public key."),
    SUBMISSIONS_NOT_SUPPORTED(422, Audience.API, "This integration's type takes no form submissions."),
    SUBSCRIPTIONS_NOT_SUPPORTED(422, Audience.API, "This integration's type takes no subscriptions."),
    FIELDS_TOO_LARGE(422, Audience.FIELD, "A submission's custom fields are larger than allowed."),

    // --- subscriber links (double opt-in confirmation, unsubscribe) ---
    SUBSCRIPTION_LINK_INVALID(404, Audience.API,
            "The confirmation or unsubscribe link was changed, cut short, signed with a retired key or is for something else."),
    SUBSCRIPTION_LINK_EXPIRED(410, Audience.API, "The confirmation link is older than the confirmation window allows."),
    SUBSCRIBER_UNSUBSCRIBED(409, Audience.API, "The subscriber unsubscribed, so the subscription cannot be confirmed."),
    SUBSCRIPTION_LINK_KEY_MISSING(503, Audience.DASHBOARD,
            "No key is configured to sign subscription links (also a confirmation mail's errorCode: FAILED)."),
    FIELD_NOT_BOOLEAN(422, Audience.FIELD, "A field that must be true or false is missing or has another JSON type."),

    // --- replies and campaigns ---
    MESSAGE_NOT_FOUND(404, Audience.DASHBOARD, "The message does not exist on this integration."),
    BODY_REQUIRED(422, Audience.FIELD, "A reply has neither text nor html."),
    OUTBOUND_MAIL_NOT_CONFIGURED(409, Audience.DASHBOARD,
            "The integration has no outbound email (SMTP) settings, so it cannot send this mail."),
    OUTBOUND_MAIL_NOT_SUPPORTED(422, Audience.DASHBOARD, "This integration's type sends no mail."),
    CAMPAIGNS_NOT_SUPPORTED(422, Audience.DASHBOARD, "This integration's type has no campaigns."),
    CAMPAIGN_EVENT_INVALID(422, Audience.FIELD, "The campaign's event is not one Mailoo knows."),
    CAMPAIGN_TRIGGER_INVALID(422, Audience.FIELD, "The campaign's trigger is not one Mailoo knows."),
    TEMPLATE_REQUIRED(422, Audience.FIELD, "A campaign has no body template."),
    TEMPLATE_INVALID(422, Audience.DASHBOARD, "A template uses something other than the documented placeholders."),
    TEMPLATE_RENDER_FAILED(0, Audience.DASHBOARD, "A welcome template could not be rendered for one subscriber."),
    TEMPLATE_OUTPUT_TOO_LARGE(0, Audience.DASHBOARD, "A rendered welcome mail was larger than a mail may be."),

    // --- SMTP settings and their test ---
    SMTP_SETTINGS_REQUIRED(422, Audience.FIELD, "SMTP settings are missing where they are required."),
    MAIL_SETTINGS_NOT_CONFIGURED(404, Audience.DASHBOARD, "The offer generator has no mail settings yet."),
    SMTP_HOST_REQUIRED(422, Audience.FIELD, "The SMTP host is missing."),
    SMTP_HOST_INVALID(422, Audience.FIELD, "The SMTP host is not a host name or an IP address."),
    SMTP_HOST_NOT_ALLOWED(422, Audience.DASHBOARD,
            "The SMTP host resolves to a private, loopback or internal address (also a mail result: REJECTED)."),
    SMTP_PORT_INVALID(422, Audience.FIELD, "The SMTP port is not a number from 1 to 65535."),
    SMTP_PORT_NOT_ALLOWED(422, Audience.DASHBOARD,
            "The SMTP port is not one outgoing mail may use (also a mail result: REJECTED)."),
    SMTP_SECURITY_INVALID(422, Audience.FIELD, "The SMTP security mode is not STARTTLS, SSL_TLS or NONE."),
    SMTP_USERNAME_INVALID(422, Audience.FIELD, "The SMTP username is too long or has control characters."),
    SMTP_PASSWORD_INVALID(422, Audience.FIELD, "The SMTP password is too long or has control characters."),
    SMTP_PASSWORD_REQUIRED(422, Audience.DASHBOARD,
            "The server, port, security or username changed, so the stored password must be entered again."),
    SMTP_PASSWORD_UNREADABLE(409, Audience.DASHBOARD,
            "The stored SMTP password cannot be opened for this server; it must be entered again (also a mail result: FAILED)."),
    SMTP_CLEARTEXT_LOGIN_REFUSED(422, Audience.DASHBOARD,
            "A username or password would cross the network unencrypted (security NONE); also a mail result: REJECTED."),
    FROM_ADDRESS_REQUIRED(422, Audience.FIELD, "The sender address is missing."),
    FROM_ADDRESS_INVALID(422, Audience.FIELD, "The sender address is not a plain local@domain address."),
    FROM_NAME_INVALID(422, Audience.FIELD, "The sender name is too long or has control characters."),
    REPLY_TO_INVALID(422, Audience.FIELD, "The Reply-To address is not a plain local@domain address."),
    ENCRYPTION_KEY_MISSING(503, Audience.DASHBOARD,
            "No encryption key is configured that seals or opens SMTP passwords (also a mail result: DEFERRED)."),
    EMAIL_CLAIM_MISSING(422, Audience.DASHBOARD, "The caller's token has no email claim to send the test mail to."),
    SMTP_TEST_FAILED(502, Audience.DASHBOARD, "The test mail failed without a more specific code."),
    SMTP_TEST_TIMEOUT(504, Audience.DASHBOARD, "The mail service did not report the test's outcome in time."),
    SMTP_PROVIDER_INVALID(422, Audience.FIELD, "The provider is not one of the SMTP provider presets."),
    SMTP_LIMIT_INVALID(422, Audience.FIELD, "A sending limit is not a whole number of at least 1."),
    SMTP_LIMIT_ABOVE_PROVIDER(422, Audience.DASHBOARD,
            "A sending limit is above the provider's published maximum; an owner may only lower it."),

    // --- OAuth2 connections of SMTP profiles (docs/oauth2-routes.md) ---
    OAUTH_PROVIDER_INVALID(422, Audience.FIELD, "The OAuth2 provider is not MICROSOFT, GOOGLE or GENERIC."),
    OAUTH_PROVIDER_NOT_CONFIGURED(422, Audience.DASHBOARD,
            "The platform has no OAuth app configured for this provider, so it cannot be connected."),
    OAUTH_STATE_INVALID(400, Audience.DASHBOARD,
            "The OAuth2 state is unknown, used, expired, or was started by another user or for another profile."),
    OAUTH_CODE_REQUIRED(422, Audience.FIELD, "The authorization code from the provider is missing."),
    OAUTH_CODE_EXCHANGE_FAILED(502, Audience.DASHBOARD,
            "The provider did not exchange the authorization code for a usable grant (refused, no refresh token, "
                    + "no account, or no answer in time)."),

    // --- offer generators ---
    OFFER_GENERATOR_NOT_FOUND(404, Audience.DASHBOARD, "The offer generator does not exist in this project."),
    MARKET_INTEGRATION_INVALID(422, Audience.FIELD, "The market integration id is not a valid id."),
    MARKET_INTEGRATION_NOT_FOUND(422, Audience.FIELD, "No market integration with this id exists in the project."),
    CURRENCY_INVALID(422, Audience.FIELD, "The currency is not an ISO 4217 code."),
    PRICE_INVALID(422, Audience.FIELD, "A price is not a whole number of minor units."),
    PRICE_OUT_OF_RANGE(422, Audience.FIELD, "A price (or a total) is outside the range Mailoo can count."),
    INTERNAL_ADDRESS_INVALID(422, Audience.FIELD, "The internal notification address is not a plain local@domain address."),
    BRANDING_COLOR_INVALID(422, Audience.FIELD, "The branding colour is not a #rrggbb colour."),
    BRANDING_COMPANY_NAME_INVALID(422, Audience.FIELD, "The branding company name is too long or has control characters."),
    BRANDING_FOOTER_INVALID(422, Audience.FIELD, "The branding footer is too long or has control characters."),
    BRANDING_LOGO_URL_INVALID(422, Audience.FIELD, "The branding logo URL is not an https URL."),
    WIZARD_STEPS_REQUIRED(422, Audience.FIELD, "The wizard has no steps."),
    WIZARD_STEPS_TOO_MANY(422, Audience.FIELD, "The wizard has more steps than allowed."),
    WIZARD_STEP_INVALID(422, Audience.FIELD, "A wizard step is not an object."),
    WIZARD_FIELDS_REQUIRED(422, Audience.FIELD, "A wizard step has no fields."),
    WIZARD_FIELDS_TOO_MANY(422, Audience.FIELD, "The wizard has more fields than allowed."),
    WIZARD_FIELD_INVALID(422, Audience.FIELD, "A wizard field is not an object."),
    WIZARD_FIELD_TYPE_INVALID(422, Audience.FIELD, "A wizard field's type is not one Mailoo knows."),
    WIZARD_ID_INVALID(422, Audience.FIELD, "A wizard id is not a short lower-case identifier."),
    WIZARD_ID_DUPLICATE(422, Audience.FIELD, "A wizard id is used twice."),
    WIZARD_LABEL_INVALID(422, Audience.FIELD, "A wizard label is blank, too long or has control characters."),
    WIZARD_MAX_LENGTH_INVALID(422, Audience.FIELD, "A text field's maxLength is outside the allowed range."),
    WIZARD_OPTIONS_REQUIRED(422, Audience.FIELD, "A choice field has no options."),
    WIZARD_OPTIONS_TOO_MANY(422, Audience.FIELD, "A choice field has more options than allowed."),
    WIZARD_OPTIONS_NOT_ALLOWED(422, Audience.FIELD, "A field that is not a choice has options."),
    WIZARD_OPTION_INVALID(422, Audience.FIELD, "A choice option is not an object."),
    WIZARD_RANGE_REQUIRED(422, Audience.FIELD, "A number field has no min or max."),
    WIZARD_RANGE_INVALID(422, Audience.FIELD, "A number field's min is above its max."),
    CUSTOMER_EMAIL_REQUIRED(422, Audience.FIELD, "The customer's email address is missing."),
    CUSTOMER_EMAIL_INVALID(422, Audience.FIELD, "The customer's email address is not a plain local@domain address."),
    CUSTOMER_NAME_INVALID(422, Audience.FIELD, "The customer's name is too long or has control characters."),
    ANSWER_REQUIRED(422, Audience.FIELD, "A required wizard field has no answer."),
    ANSWER_TYPE_INVALID(422, Audience.FIELD, "An answer has the wrong JSON type for its field."),
    ANSWER_TEXT_INVALID(422, Audience.FIELD, "A text answer is too long or has control characters."),
    ANSWER_OUT_OF_RANGE(422, Audience.FIELD, "A number answer is outside its field's range."),
    ANSWER_FIELD_UNKNOWN(422, Audience.FIELD, "An answer names a field the wizard does not have."),
    ANSWER_OPTION_UNKNOWN(422, Audience.FIELD, "A choice answer names an option the field does not have."),

    // --- market: API keys, products, orders ---
    API_KEY_MISSING(401, Audience.API, "The request carries no API key."),
    API_KEY_INVALID(401, Audience.API, "The API key is not one Mailoo issued."),
    API_KEY_REVOKED(401, Audience.API, "The API key was revoked."),
    API_KEY_WRONG_INTEGRATION(403, Audience.API, "The API key belongs to another integration."),
    API_KEY_NOT_FOUND(404, Audience.DASHBOARD, "The API key does not exist on this integration."),
    SKU_INVALID(422, Audience.FIELD, "A SKU is blank, too long or has characters other than letters, digits, - and _."),
    SKU_EXISTS(409, Audience.DASHBOARD, "A product with this SKU already exists on the integration."),
    SKU_DUPLICATE(422, Audience.FIELD, "An order names the same SKU on two lines."),
    SKU_UNKNOWN(422, Audience.FIELD, "An order names a SKU the integration does not sell."),
    CURRENCIES_MIXED(422, Audience.FIELD, "An order's products are priced in more than one currency."),
    BUYER_REQUIRED(422, Audience.FIELD, "An order has no buyer."),
    ITEMS_REQUIRED(422, Audience.FIELD, "An order has no items."),
    ITEMS_TOO_MANY(422, Audience.FIELD, "An order has more lines than allowed."),
    QUANTITY_INVALID(422, Audience.FIELD, "A quantity is not a whole number in the allowed range."),
    NOTE_INVALID(422, Audience.FIELD, "An order note has control characters other than line breaks."),
    NOTE_TOO_LONG(422, Audience.FIELD, "An order note is longer than allowed."),
    IDEMPOTENCY_KEY_INVALID(422, Audience.API, "The Idempotency-Key header is blank, too long or not printable ASCII."),
    IDEMPOTENCY_KEY_REUSED(422, Audience.API, "The Idempotency-Key was used before for a different order."),
    ORDER_NOT_FOUND(404, Audience.API, "The order does not exist on this integration."),
    PRODUCT_NOT_FOUND(404, Audience.API, "The product does not exist on this integration."),

    // --- dispatch's operator API ---
    PROFILE_REF_INVALID(400, Audience.DASHBOARD, "The profile reference is not of a form dispatch knows."),
    PROFILE_UNKNOWN(404, Audience.DASHBOARD, "Dispatch has no profile and no message for this reference."),

    // --- the owners' delivery log and suppression list (dispatch) ---
    PURPOSE_INVALID(400, Audience.DASHBOARD, "The purpose filter is not one of the mail purposes."),
    RECIPIENT_FILTER_INVALID(400, Audience.DASHBOARD,
            "The recipient filter is longer than an address may be or has control characters."),
    CURSOR_INVALID(400, Audience.DASHBOARD, "The page cursor is not one the delivery log handed out."),
    MAIL_NOT_FOUND(404, Audience.DASHBOARD, "The mail does not exist in this delivery log."),
    MAIL_NOT_DEFERRED(409, Audience.DASHBOARD, "Only a deferred mail (waiting for its next attempt) can be retried now."),
    MAIL_NOT_CANCELLABLE(409, Audience.DASHBOARD,
            "The mail is already sent, failed or cancelled; only a queued or deferred mail can be cancelled."),
    SUPPRESSION_NOT_FOUND(404, Audience.DASHBOARD, "The address is not on this profile's suppression list."),

    // --- a mail's result (errorCode of mailoo.mail-results.v1; 0 = never an HTTP answer) ---
    PROFILE_NOT_CONFIGURED(0, Audience.DASHBOARD, "No SMTP profile (or none recent enough) existed when the mail was due."),
    PROFILE_SUSPENDED(0, Audience.DASHBOARD, "The profile is suspended after repeated login failures."),
    OAUTH_RECONNECT_REQUIRED(0, Audience.DASHBOARD, "The provider no longer accepts the profile's OAuth2 grant (revoked, expired or password reset); the owner must connect again."),
    OAUTH_TOKEN_UNAVAILABLE(0, Audience.DASHBOARD, "The provider's token endpoint gave no usable access token for the profile's OAuth2 grant (unreachable, an error, or an invalid answer); retried."),
    DAILY_LIMIT_REACHED(0, Audience.DASHBOARD, "The profile sent to as many recipients in the last 24 hours as its daily limit allows; the mail waits until the window allows it."),
    SMTP_AUTH_FAILED(0, Audience.DASHBOARD, "The SMTP server refused the login."),
    SMTP_TLS_FAILED(0, Audience.DASHBOARD, "The TLS handshake or certificate check with the SMTP server failed."),
    SMTP_CONNECT_FAILED(0, Audience.DASHBOARD, "No connection to the SMTP server could be made."),
    SMTP_TIMEOUT(0, Audience.DASHBOARD, "The SMTP server stopped answering."),
    SMTP_TEMPORARY_FAILURE(0, Audience.DASHBOARD, "The SMTP server answered with a temporary (4xx) failure."),
    SMTP_REJECTED(0, Audience.DASHBOARD, "The SMTP server refused the message (5xx)."),
    SMTP_PROTOCOL_ERROR(0, Audience.DASHBOARD, "The SMTP server's answer was not SMTP or was too long."),
    RECIPIENT_REJECTED(0, Audience.DASHBOARD, "The SMTP server refused a recipient address."),
    HEADER_INJECTION(0, Audience.DASHBOARD, "A subject, address or header had a line break or control character."),
    ADDRESS_INVALID(0, Audience.DASHBOARD, "A recipient, Reply-To or From address is not a plain local@domain address."),
    REQUEST_INVALID(0, Audience.DASHBOARD, "The mail request broke dispatch's rules (no recipient, no body, too many recipients, …)."),
    PURPOSE_NOT_ALLOWED(0, Audience.DASHBOARD, "The mail's purpose may not use this profile."),
    PURPOSE_UNKNOWN(0, Audience.DASHBOARD, "The mail's purpose is one this dispatcher does not know (a newer producer)."),
    SMTP_SECURITY_UNKNOWN(0, Audience.DASHBOARD,
            "The profile's security mode is missing or one this dispatcher does not know (a newer producer)."),
    INLINE_PROFILE_EXPIRED(0, Audience.DASHBOARD, "An SMTP test arrived after it expired."),
    MAIL_EXPIRED(0, Audience.DASHBOARD, "The mail was still not sent when it expired."),
    RECIPIENT_SUPPRESSED(0, Audience.DASHBOARD,
            "The recipient refused an earlier mail of this profile permanently, so it is on the suppression list."),
    CANCELLED_BY_OWNER(0, Audience.DASHBOARD, "The project's owner cancelled the mail before it was sent.");

    private static final Map<String, ErrorCode> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final int status;
    private final Audience audience;
    private final String meaning;

    ErrorCode(int status, Audience audience, String meaning) {
        this.status = status;
        this.audience = audience;
        this.meaning = meaning;
    }

    /** The HTTP status it is answered with; 0 for a code that is never an HTTP answer (a mail result's errorCode). */
    public int status() {
        return status;
    }

    public Audience audience() {
        return audience;
    }

    /** One sentence: what happened. */
    public String meaning() {
        return meaning;
    }

    public static Optional<ErrorCode> find(String code) {
        return Optional.ofNullable(code == null ? null : BY_NAME.get(code));
    }
}
