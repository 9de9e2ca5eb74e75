package io.mailoo.integration;

import static io.mailoo.testsupport.TenantSmtp.with;
import static io.mailoo.testsupport.TenantSmtp.without;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.support.Api;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Production's MAIL_SMTP_ALLOW_PRIVATE_HOSTS=false: a login without TLS (security NONE with a username or a
 * password) is refused on save and on test, and nothing is stored or sent. No dispatch is needed: nothing leaves.
 */
@QuarkusTest
@TestProfile(CleartextLoginTest.Production.class)
class CleartextLoginTest {

    /** The service as production runs it. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mailoo.smtp.allow-private-hosts", "false");
        }
    }

    private static Map<String, Object> settings(String security) {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "smtp.example.test");
        m.put("port", 587);
        m.put("security", security);
        m.put("username", "shop");
        m.put("password", "pw-cleartext");
        m.put("fromAddress", "hello@example.test");
        return m;
    }

    @Test
    void aLoginWithoutTlsIsRefusedOnSaveAndOnTestAndNothingIsStored() {
        Api owner = Api.as("owner-cleartext");
        String project = owner.project("Cleartext");
        String id = owner.integration(project, "FORM", "Form").get("id");

        for (Map<String, Object> cleartext : List.of(settings("NONE"), without(settings("NONE"), "password"),
                with(settings("NONE"), "username", null))) {
            owner.saveOutboundMail(project, id, cleartext).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SMTP_CLEARTEXT_LOGIN_REFUSED"))
                    .body("errors[0].field", equalTo("security"))
                    .body("errors[0].code", equalTo("SMTP_CLEARTEXT_LOGIN_REFUSED"))
                    .body("errors[0].message", containsString("STARTTLS"));
            owner.testOutboundMail(project, id, cleartext).then().statusCode(422)
                    .body("code", equalTo("SMTP_CLEARTEXT_LOGIN_REFUSED"))
                    .body("errors[0].field", equalTo("security"));
        }
        owner.get(Api.integration(project, id)).then().body("config.outboundMail", nullValue());

        // the same login over TLS saves, and NONE without any login still does
        owner.saveOutboundMail(project, id, settings("STARTTLS")).then().statusCode(200);
        owner.saveOutboundMail(project, id, with(without(settings("NONE"), "username"), "password", null))
                .then().statusCode(200).body("config.outboundMail.security", equalTo("NONE"))
                .body("config.outboundMail.hasSmtpPassword", equalTo(false));
    }
}
