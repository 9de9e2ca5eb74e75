package io.mailoo.support.smtpprofile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.http.ProblemException;

/**
 * Reads the SMTP settings object ({@code host, port, security, username, password, fromAddress, fromName, replyTo})
 * wherever a body carries it, keeping what a record cannot: whether the object and its {@code password} were absent
 * or null (absent password = keep the stored one for the same server; null = remove it). Unknown fields and values
 * of the wrong type are 422 (see {@link StrictJson}). Errors name the settings' own fields ({@code host},
 * {@code password}, …) whatever key holds the object, so every client maps one set of names.
 */
public final class SmtpSettingsJson {

    /** Every field the settings have. */
    public static final List<String> FIELDS = List.of("host", "port", "security", "username", "password",
            "fromAddress", "fromName", "replyTo", "provider", "limits");
    /** The fields of {@code limits}. */
    public static final List<String> LIMIT_FIELDS = List.of("maxConnections", "messagesPerMinute", "recipientsPerDay");
    public static final String SETTINGS_REQUIRED = "SMTP_SETTINGS_REQUIRED";

    /** What a body says about the settings: absent (leave them), null (remove them) or settings. */
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

    /** {@code body[key]} as a patch: absent, null or the settings (422 for a non-object or a wrong-typed field). */
    public static Patch patch(JsonNode body, String key) {
        JsonNode node = StrictJson.requireObject(body).get(key);
        if (node == null) {
            return new Absent();
        }
        return node.isNull() ? new Remove() : new Settings(settings(node, key));
    }

    /** {@code body[key]}, which must be settings (a test): absent or null is 422 SMTP_SETTINGS_REQUIRED. */
    public static SmtpSettingsInput required(JsonNode body, String key) {
        JsonNode node = StrictJson.requireObject(body).get(key);
        if (node == null || node.isNull()) {
            throw ProblemException.invalid(List.of(settingsRequired(key)));
        }
        return settings(node, key);
    }

    public static FieldError settingsRequired(String key) {
        return new FieldError(key, SETTINGS_REQUIRED, "Send the SMTP settings as " + key + ".");
    }

    private static SmtpSettingsInput settings(JsonNode node, String key) {
        List<FieldError> errors = new ArrayList<>();
        SmtpSettingsInput input = read(node, key, errors);
        StrictJson.throwIfAny(errors);
        return input;
    }

    /**
     * Reads the settings object {@code node} (found at {@code key}), adding its errors to {@code errors}, for a body
     * that carries other fields too; the result is meaningless when errors were added.
     */
    public static SmtpSettingsInput read(JsonNode node, String key, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(StrictJson.notObject(key));
            return null;
        }
        StrictJson.unknownFields(node, FIELDS, "", errors);
        Integer port = null;
        JsonNode portNode = node.get("port");
        if (portNode != null && !portNode.isNull()) {
            if (portNode.isIntegralNumber() && portNode.canConvertToInt()) {
                port = portNode.intValue();
            } else {
                errors.add(new FieldError("port", "SMTP_PORT_INVALID", "The port must be a number from 1 to 65535."));
            }
        }
        Optional<String> password = null; // absent: keep the stored one (SmtpSettingsInput's contract)
        if (node.has("password")) {
            password = node.get("password").isNull() ? Optional.empty()
                    : Optional.ofNullable(StrictJson.text(node, "password", "", errors));
        }
        return new SmtpSettingsInput(StrictJson.text(node, "host", "", errors), port,
                StrictJson.text(node, "security", "", errors), StrictJson.text(node, "username", "", errors),
                password, StrictJson.text(node, "fromAddress", "", errors),
                StrictJson.text(node, "fromName", "", errors), StrictJson.text(node, "replyTo", "", errors),
                StrictJson.text(node, "provider", "", errors), limits(node.get("limits"), errors));
    }

    /** {@code limits}: absent or null = none of the owner's own; each part a whole number or null. */
    private static ProfileLimits limits(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(StrictJson.notObject("limits"));
            return null;
        }
        StrictJson.unknownFields(node, LIMIT_FIELDS, "limits.", errors);
        return new ProfileLimits(limit(node, "maxConnections", errors), limit(node, "messagesPerMinute", errors),
                limit(node, "recipientsPerDay", errors));
    }

    private static Integer limit(JsonNode limits, String field, List<FieldError> errors) {
        JsonNode value = limits.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        errors.add(new FieldError("limits." + field, SmtpProviderPresets.LIMIT_INVALID,
                field + " must be a whole number of at least 1."));
        return null;
    }
}
