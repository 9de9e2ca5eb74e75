package io.mailoo.offer.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.domain.Branding;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.mailoo.support.smtpprofile.StrictJson;

/**
 * Reads a mail-settings body strictly (service-support's {@link StrictJson}): unknown fields and values of the
 * wrong type are 422 naming the field; {@code smtp} is the SMTP settings object every service reads the same way
 * ({@link SmtpSettingsJson}: its errors name its own fields, {@code host}, {@code password}, …).
 */
public final class MailSettingsJson {

    private static final Set<String> SETTINGS = Set.of("smtp", "internalNotificationAddress", "branding");
    private static final Set<String> BRANDING = Set.of("companyName", "logoUrl", "primaryColor", "footerText");
    private static final Set<String> TEST = Set.of("mailSettings");

    private MailSettingsJson() {
    }

    /** The body of PUT …/mail-settings. */
    public static MailSettingsInput settings(JsonNode body) {
        return read(StrictJson.requireObject(body));
    }

    /** The SMTP settings of POST …/mail-settings/test: {@code {mailSettings: {smtp: {…}, …}}}. */
    public static SmtpSettingsInput testSmtp(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        StrictJson.unknownFields(StrictJson.requireObject(body), TEST, "", errors);
        JsonNode settings = body.get("mailSettings");
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            errors.add(StrictJson.notObject("mailSettings"));
        }
        StrictJson.throwIfAny(errors);
        SmtpSettingsInput smtp = settings == null || settings.isNull() ? null : read(settings).smtp();
        if (smtp == null) {
            throw ProblemException.invalid(List.of(SmtpSettingsJson.settingsRequired("smtp")));
        }
        return smtp;
    }

    private static MailSettingsInput read(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        StrictJson.unknownFields(node, SETTINGS, "", errors);
        JsonNode smtpNode = node.get("smtp");
        SmtpSettingsInput smtp = smtpNode == null || smtpNode.isNull() ? null
                : SmtpSettingsJson.read(smtpNode, "smtp", errors);
        String internal = StrictJson.text(node, "internalNotificationAddress", "", errors);
        Branding branding = null;
        JsonNode brandingNode = node.get("branding");
        if (brandingNode != null && !brandingNode.isNull()) {
            if (brandingNode.isObject()) {
                String at = "branding.";
                StrictJson.unknownFields(brandingNode, BRANDING, at, errors);
                branding = new Branding(StrictJson.text(brandingNode, "companyName", at, errors),
                        StrictJson.text(brandingNode, "logoUrl", at, errors),
                        StrictJson.text(brandingNode, "primaryColor", at, errors),
                        StrictJson.text(brandingNode, "footerText", at, errors));
            } else {
                errors.add(StrictJson.notObject("branding"));
            }
        }
        StrictJson.throwIfAny(errors);
        return new MailSettingsInput(smtp, internal, branding);
    }
}
