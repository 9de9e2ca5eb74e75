package io.mailoo.support.smtpprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.support.http.ProblemException;

class SmtpSettingsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTINGS = "{\"host\":\"smtp.shop.test\",\"port\":587,\"security\":\"STARTTLS\","
            + "\"username\":\"shop\",\"fromAddress\":\"shop@shop.test\",\"fromName\":\"Shop\",\"replyTo\":null";

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SmtpSettingsInput settings(String passwordPart) {
        SmtpSettingsJson.Patch patch = SmtpSettingsJson.patch(body("{\"outboundMail\":" + SETTINGS + passwordPart
                + "}}"), "outboundMail");
        return assertInstanceOf(SmtpSettingsJson.Settings.class, patch).input();
    }

    private static List<FieldError> refused(String json) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> SmtpSettingsJson.patch(body(json), "outboundMail"));
        assertEquals(422, e.status());
        return e.errors();
    }

    @Test
    void absentPasswordNullPasswordAndAValueAreThreeDifferentThings() {
        assertNull(settings("").password(), "absent: keep the stored one");
        assertEquals(Optional.empty(), settings(",\"password\":null").password(), "null: remove it");
        assertEquals(Optional.of("s3cret"), settings(",\"password\":\"s3cret\"").password());
        SmtpSettingsInput in = settings("");
        assertEquals("smtp.shop.test", in.host());
        assertEquals(587, in.port());
        assertNull(in.replyTo());
    }

    @Test
    void absentSettingsAreLeftAloneNullSettingsAreRemoved() {
        assertInstanceOf(SmtpSettingsJson.Absent.class, SmtpSettingsJson.patch(body("{}"), "outboundMail"));
        assertInstanceOf(SmtpSettingsJson.Remove.class,
                SmtpSettingsJson.patch(body("{\"outboundMail\":null}"), "outboundMail"));
    }

    @Test
    void unknownFieldsAreRefusedSoAMisspeltPasswordNeverMeansKeepIt() {
        List<FieldError> errors = refused("{\"outboundMail\":" + SETTINGS + ",\"passwrd\":\"x\"}}");
        assertEquals(List.of("passwrd"), errors.stream().map(FieldError::field).toList());
        assertEquals("FIELD_UNKNOWN", errors.get(0).code());
        String huge = "a\\u0007".repeat(100); // a JSON escape: the name holds BEL characters
        FieldError cut = refused("{\"outboundMail\":" + SETTINGS + ",\"" + huge + "\":1}}").get(0);
        assertTrue(cut.field().length() <= 65, "an unknown name is echoed cut short");
        assertFalse(cut.field().contains("\u0007"), "and without control characters");
    }

    @Test
    void wrongTypedValuesAre422NamingEachFieldNeverSilentlyNull() {
        List<FieldError> errors = refused("{\"outboundMail\":{\"host\":5,\"port\":\"587\",\"security\":true,"
                + "\"username\":[],\"password\":123,\"fromAddress\":{},\"fromName\":1.5,\"replyTo\":false}}");
        assertEquals(List.of("port", "password", "host", "security", "username", "fromAddress", "fromName",
                "replyTo"), errors.stream().map(FieldError::field).toList());
        assertEquals("SMTP_PORT_INVALID", errors.get(0).code());
        assertTrue(errors.subList(1, errors.size()).stream().allMatch(e -> e.code().equals("FIELD_NOT_TEXT")));
        assertEquals("SMTP_PORT_INVALID", refused("{\"outboundMail\":{\"port\":587.5}}").get(0).code());
        assertEquals("SMTP_PORT_INVALID", refused("{\"outboundMail\":{\"port\":99999999999}}").get(0).code());
        FieldError notObject = refused("{\"outboundMail\":\"smtp.shop.test\"}").get(0);
        assertEquals("outboundMail", notObject.field());
        assertEquals("FIELD_NOT_OBJECT", notObject.code());
    }

    @Test
    void aTestNeedsSettingsAndABodyMustBeAnObject() {
        for (String json : List.of("{}", "{\"smtp\":null}")) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> SmtpSettingsJson.required(body(json), "smtp"));
            assertEquals("SMTP_SETTINGS_REQUIRED", e.errors().get(0).code());
            assertEquals("smtp", e.errors().get(0).field());
        }
        for (String json : List.of("[]", "\"x\"", "null")) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> SmtpSettingsJson.patch(body(json), "outboundMail"));
            assertEquals(400, e.status());
            assertEquals("JSON_MALFORMED", e.code());
        }
    }
}
