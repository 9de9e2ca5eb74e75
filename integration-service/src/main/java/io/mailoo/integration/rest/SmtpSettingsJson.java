package io.mailoo.integration.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.http.ProblemException;

/**
 * Reads {@code outboundMail} from a JSON body keeping what a record cannot: whether {@code outboundMail} and
 * {@code password} were absent or null (absent password = keep the stored one; null = remove it).
 */
public final class SmtpSettingsJson {

    /** Every field outboundMail has: anything else is refused, so a misspelt password never means "keep it". */
    static final List<String> FIELDS = List.of("host", "port", "security", "username", "password", "fromAddress",
            "fromName", "replyTo");

    /** The body's outboundMail: absent, null (remove the profile) or settings. */
    public sealed interface Patch {
    }

    public record Absent() implements Patch {
    }

    public record Remove() implements Patch {
    }

    public record Settings(SmtpSettingsInput input) implements Patch {
    }

    private SmtpSettingsJson() {
    }

    public static Patch patch(JsonNode body) {
        JsonNode node = requireObject(body).get("outboundMail");
        if (node == null) {
            return new Absent();
        }
        return node.isNull() ? new Remove() : new Settings(settings(node));
    }

    /** The test route's body: outboundMail must be settings. */
    public static SmtpSettingsInput required(JsonNode body) {
        JsonNode node = requireObject(body).get("outboundMail");
        if (node == null || node.isNull()) {
            throw ProblemException.invalid(List.of(new FieldError("outboundMail", "OUTBOUND_MAIL_REQUIRED",
                    "Send the SMTP settings to test as outboundMail.")));
        }
        return settings(node);
    }

    private static SmtpSettingsInput settings(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        if (!node.isObject()) {
            throw ProblemException.invalid(List.of(new FieldError("outboundMail", "OUTBOUND_MAIL_INVALID",
                    "outboundMail must be an object or null.")));
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "FIELD_UNKNOWN", "outboundMail has no field \"" + shown(name)
                        + "\"; its fields are " + String.join(", ", FIELDS) + "."));
            }
        });
        Integer port = null;
        JsonNode portNode = node.get("port");
        if (portNode != null && !portNode.isNull()) {
            if (portNode.canConvertToInt() && portNode.isIntegralNumber()) {
                port = portNode.intValue();
            } else {
                errors.add(new FieldError("port", "SMTP_PORT_INVALID", "The port must be a number from 1 to 65535."));
            }
        }
        Optional<String> password = null;
        if (node.has("password")) {
            JsonNode p = node.get("password");
            password = p.isNull() ? Optional.empty() : Optional.ofNullable(value(p, "password", errors));
        }
        SmtpSettingsInput input = new SmtpSettingsInput(text(node, "host", errors), port,
                text(node, "security", errors), text(node, "username", errors), password,
                text(node, "fromAddress", errors), text(node, "fromName", errors), text(node, "replyTo", errors));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return input;
    }

    /** A field name as an answer repeats it: cut, so a huge key does not make a huge answer. */
    private static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    private static String text(JsonNode parent, String field, List<FieldError> errors) {
        return value(parent.get(field), field, errors);
    }

    private static String value(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "FIELD_NOT_TEXT", field + " must be a string."));
            return null;
        }
        return node.textValue();
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(400, "JSON_MALFORMED", "The request body must be a JSON object.");
        }
        return body;
    }
}
