package io.mailoo.integration;

import static io.mailoo.testsupport.TenantSmtp.without;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.support.Api;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without MAIL_SMTP_ENCRYPTION_KEY a new password can be neither saved nor tested (503 naming the variable and how
 * to make one), and settings without a password still save. No dispatch is needed: nothing leaves the service.
 */
@QuarkusTest
@TestProfile(EncryptionKeyMissingTest.NoKey.class)
class EncryptionKeyMissingTest {

    /** The service without an encryption key. */
    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.crypto.key", "");
        }
    }

    private static Map<String, Object> settings(Object password) {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "smtp.example.test");
        m.put("port", 587);
        m.put("security", "STARTTLS");
        m.put("username", "shop");
        m.put("password", password);
        m.put("fromAddress", "hello@example.test");
        return m;
    }

    @Test
    void aNewPasswordIs503OnSaveAndTestAndSettingsWithoutOneStillSave() {
        Api owner = Api.as("owner-nokey");
        String project = owner.project("No key");
        String id = owner.integration(project, "FORM", "Form").get("id");

        owner.saveOutboundMail(project, id, settings("a-new-password")).then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("ENCRYPTION_KEY_MISSING"))
                .body("detail", allOf(containsString("MAIL_SMTP_ENCRYPTION_KEY"),
                        containsString("openssl rand -base64 32"), containsString("every replica")));
        owner.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue());

        owner.testOutboundMail(project, id, settings("a-new-password")).then().statusCode(503)
                .body("code", equalTo("ENCRYPTION_KEY_MISSING"));

        owner.saveOutboundMail(project, id, without(settings(null), "password")).then().statusCode(200)
                .body("config.outboundMail.host", equalTo("smtp.example.test"))
                .body("config.outboundMail.hasSmtpPassword", equalTo(false));
    }
}
