package io.mailoo.offer.rest;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.SmtpSettingsInput;

/**
 * Turns the {@code smtp} object into {@link SmtpSettingsInput}, keeping the password's three states apart. A value
 * of the wrong JSON type becomes null, so the shared rules report it as a field error (422), not as a 400.
 */
public final class SmtpInputReader {

    private SmtpInputReader() {
    }

    /** Null when {@code smtp} is missing or not an object. */
    public static SmtpSettingsInput read(JsonNode smtp) {
        if (smtp == null || !smtp.isObject()) {
            return null;
        }
        Optional<String> password = null; // absent: keep the stored one (SmtpSettingsInput's contract)
        if (smtp.has("password")) {
            JsonNode value = smtp.get("password");
            password = value.isNull() ? Optional.empty() : Optional.of(value.isTextual() ? value.asText() : "");
        }
        JsonNode port = smtp.get("port");
        return new SmtpSettingsInput(text(smtp, "host"),
                port != null && port.isInt() ? port.asInt() : null,
                text(smtp, "security"), text(smtp, "username"), password, text(smtp, "fromAddress"),
                text(smtp, "fromName"), text(smtp, "replyTo"));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
