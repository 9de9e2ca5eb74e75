package io.mailoo.offer.rest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.domain.Branding;
import io.mailoo.support.http.ProblemException;

/**
 * Reads a mail-settings body strictly: a field this service does not know is a 422 {@code FIELD_UNKNOWN} (so a
 * misspelt {@code passwrd} never means "keep the stored password"), and a value of the wrong JSON type is a 422
 * naming the field ({@code FIELD_NOT_TEXT}, {@code FIELD_NOT_OBJECT}, {@code SMTP_PORT_INVALID}), the codes
 * integration-service uses for its {@code outboundMail}. {@code smtp.password} keeps its three states: absent (keep
 * the stored one), null (remove it), a text (new).
 */
public final class MailSettingsJson {

    private static final Set<String> SETTINGS = Set.of("smtp", "internalNotificationAddress", "branding");
    private static final Set<String> SMTP = Set.of("host", "port", "security", "username", "password",
            "fromAddress", "fromName", "replyTo");
    private static final Set<String> BRANDING = Set.of("companyName", "logoUrl", "primaryColor", "footerText");
    private static final Set<String> TEST = Set.of("mailSettings");

    private MailSettingsJson() {
    }

    /** The body of PUT …/mail-settings. */
    public static MailSettingsInput settings(JsonNode body) {
        return read(requireObject(body), "");
    }

    /** The body of POST …/mail-settings/test: {@code {mailSettings: {…}}}; errors are named {@code mailSettings.…}. */
    public static MailSettingsInput test(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        unknown(requireObject(body), TEST, "", errors);
        JsonNode settings = body.get("mailSettings");
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            errors.add(notObject("mailSettings"));
        }
        throwIfAny(errors);
        return settings == null || settings.isNull() ? new MailSettingsInput(null, null, null)
                : read(settings, "mailSettings.");
    }

    private static MailSettingsInput read(JsonNode node, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        unknown(node, SETTINGS, prefix, errors);
        SmtpSettingsInput smtp = null;
        JsonNode smtpNode = node.get("smtp");
        if (smtpNode != null && !smtpNode.isNull()) {
            if (smtpNode.isObject()) {
                smtp = smtp(smtpNode, prefix + "smtp.", errors);
            } else {
                errors.add(notObject(prefix + "smtp"));
            }
        }
        String internal = text(node, "internalNotificationAddress", prefix, errors);
        Branding branding = null;
        JsonNode brandingNode = node.get("branding");
        if (brandingNode != null && !brandingNode.isNull()) {
            if (brandingNode.isObject()) {
                String at = prefix + "branding.";
                unknown(brandingNode, BRANDING, at, errors);
                branding = new Branding(text(brandingNode, "companyName", at, errors),
                        text(brandingNode, "logoUrl", at, errors), text(brandingNode, "primaryColor", at, errors),
                        text(brandingNode, "footerText", at, errors));
            } else {
                errors.add(notObject(prefix + "branding"));
            }
        }
        throwIfAny(errors);
        return new MailSettingsInput(smtp, internal, branding);
    }

    private static SmtpSettingsInput smtp(JsonNode node, String at, List<FieldError> errors) {
        unknown(node, SMTP, at, errors);
        Integer port = null;
        JsonNode portNode = node.get("port");
        if (portNode != null && !portNode.isNull()) {
            if (portNode.isIntegralNumber() && portNode.canConvertToInt()) {
                port = portNode.intValue();
            } else {
                errors.add(new FieldError(at + "port", "SMTP_PORT_INVALID",
                        "The port must be a number from 1 to 65535."));
            }
        }
        Optional<String> password = null; // absent: keep the stored one (SmtpSettingsInput's contract)
        if (node.has("password")) {
            password = node.get("password").isNull() ? Optional.empty()
                    : Optional.ofNullable(text(node, "password", at, errors));
        }
        return new SmtpSettingsInput(text(node, "host", at, errors), port, text(node, "security", at, errors),
                text(node, "username", at, errors), password, text(node, "fromAddress", at, errors),
                text(node, "fromName", at, errors), text(node, "replyTo", at, errors));
    }

    private static void unknown(JsonNode node, Set<String> known, String at, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(at + printable(name), "FIELD_UNKNOWN",
                        "Unknown field '" + printable(name) + "'; nothing was changed."));
            }
        }
    }

    private static String text(JsonNode parent, String field, String at, List<FieldError> errors) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at + field, "FIELD_NOT_TEXT", field + " must be a string."));
            return null;
        }
        return value.textValue();
    }

    private static FieldError notObject(String field) {
        return new FieldError(field, "FIELD_NOT_OBJECT", field + " must be an object.");
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(400, "JSON_MALFORMED", "The request body must be a JSON object.");
        }
        return body;
    }

    /** An unknown name is echoed back, so it is cut short and stripped of control characters first. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("\\p{Cntrl}", "");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
