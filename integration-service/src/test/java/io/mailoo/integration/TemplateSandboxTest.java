package io.mailoo.integration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mailoo.integration.service.CampaignTemplateCheck;
import io.mailoo.integration.support.Api;
import io.mailoo.integration.support.Database;
import io.mailoo.integration.support.NoDispatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * Campaign templates are data: only {name}, {email}, {fields.<id>} and \{ pass at save time (422 TEMPLATE_INVALID
 * naming the expression, its line and column, on the right field); campaigns saved before the sandbox that do not
 * pass are switched off at startup with a visible reason.
 */
@QuarkusTest
@TestProfile(NoDispatch.class)
class TemplateSandboxTest {

    /** What Qute would have run: namespaces (the configuration, beans), calls, sections, includes. */
    private static final List<String> REFUSED = List.of("{config:['mailoo.crypto.key']}",
            "{config:MAIL_SMTP_ENCRYPTION_KEY}", "{config:['quarkus.datasource.password']}", "{inject:cipher}",
            "{cdi:smtpSecretCipher}", "{name.toUpperCase()}", "{email.substring(0)}", "{name.length}",
            "{fields.plan.class}", "{#include base /}", "{#insert}x{/insert}", "{#let k=config:['x']}{k}{/let}",
            "{#if name}yes{/if}", "{#each fields}{it}{/each}", "{name ?: 'x'}", "{str:concat('a','b')}", "{[raw]}",
            "{! comment !}", "{name|raw}", "{fields}");

    @Inject
    CampaignTemplateCheck check;

    @Test
    void everyExpressionButThePlaceholdersIsRefusedOnItsFieldWithLineAndColumn() {
        Api owner = Api.as("owner-sandbox");
        String project = owner.project("Sandbox");
        String form = owner.integration(project, "FORM", "Form").get("id");
        for (String expression : REFUSED) {
            campaign(owner, project, form, "Hi", "<p>line one</p>\n<p>x " + expression + "</p>").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("TEMPLATE_INVALID"))
                    .body("errors[0].field", equalTo("bodyTemplate"))
                    .body("errors[0].message", allOf(containsString(firstExpression(expression)),
                            containsString("line 2, column 6")));
            campaign(owner, project, form, "Hi " + expression, "<p>ok</p>").then().statusCode(422)
                    .body("code", equalTo("TEMPLATE_INVALID")).body("errors[0].field", equalTo("subject"))
                    .body("errors[0].message", containsString("line 1, column 4"));
        }
        owner.get(campaigns(project, form)).then().statusCode(200).body("size()", equalTo(0));

        campaign(owner, project, form, "Welcome {name} \\{not a placeholder\\}",
                "<p>{name} {email} {fields.plan} {fields.first-name} \\{x}</p>").then().statusCode(201)
                .body("active", equalTo(true)).body("deactivatedReason", nullValue());
    }

    @Test
    void aNestedLoopIsRefusedWithinASecondAndTheServiceKeepsAnswering() {
        Api owner = Api.as("owner-loop");
        String project = owner.project("Loop");
        String form = owner.integration(project, "FORM", "Form").get("id");
        String loops = "{#for a in 1..100000}{#for b in 1..100000}{#for c in 1..100000}{name}{/for}{/for}{/for}";
        campaign(owner, project, form, "Hi", "{#if x}warm-up{/if}").then().statusCode(422); // JIT, connections
        Instant started = Instant.now();
        campaign(owner, project, form, "Hi", loops).then().statusCode(422)
                .body("code", equalTo("TEMPLATE_INVALID"))
                .body("errors[0].message", containsString("{#for a in 1..100000}"));
        Duration took = Duration.between(started, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "within a second: " + took);
        owner.get("/api/v1/projects/" + project).then().statusCode(200);
    }

    @Test
    void campaignsSavedBeforeTheSandboxAreSwitchedOffWithAReasonOnceAndValidOnesStay() throws Throwable {
        Api owner = Api.as("owner-legacy");
        String project = owner.project("Legacy");
        String form = owner.integration(project, "FORM", "Form").get("id");
        UUID leaking = legacyCampaign(form, "k={config:['mailoo.crypto.key']}",
                "{config:MAIL_SMTP_ENCRYPTION_KEY} {config:['quarkus.datasource.password']}");
        UUID fine = legacyCampaign(form, "Hello {name}", "<p>\\{ok\\} {fields.plan}</p>");

        assertEquals(1, VertxContextSupport.subscribeAndAwait(check::deactivateInvalid));

        owner.get(campaigns(project, form)).then().statusCode(200)
                .body("find { it.id == '" + leaking + "' }.active", equalTo(false))
                .body("find { it.id == '" + leaking + "' }.deactivatedReason.code", equalTo("TEMPLATE_INVALID"))
                .body("find { it.id == '" + leaking + "' }.deactivatedReason.message",
                        allOf(containsString("subject"), containsString("{config:['mailoo.crypto.key']}"),
                                containsString("line 1, column 3")))
                .body("find { it.id == '" + fine + "' }.active", equalTo(true))
                .body("find { it.id == '" + fine + "' }.deactivatedReason", nullValue());
        List<String> reasonBefore = Database.column("select deactivated_reason from campaign where id = ?", leaking);

        assertEquals(0, VertxContextSupport.subscribeAndAwait(check::deactivateInvalid), "idempotent");
        assertEquals(reasonBefore, Database.column("select deactivated_reason from campaign where id = ?", leaking));
        assertEquals(List.of("t"), Database.column("select active from campaign where id = ?", fine));
    }

    /** The expression the parser stops at: up to the first closing brace. */
    private static String firstExpression(String template) {
        return template.substring(0, template.indexOf('}') + 1);
    }

    private static UUID legacyCampaign(String integrationId, String subject, String body) {
        UUID id = UUID.randomUUID();
        Database.update("insert into campaign (id, integration_id, name, trigger, event, subject, body_template, "
                + "active, created_at) values (?, ?, 'Old', 'ON_EVENT', 'SUBSCRIBER_CREATED', ?, ?, true, now())",
                id, UUID.fromString(integrationId), subject, body);
        return id;
    }

    private static Response campaign(Api owner, String project, String form, String subject, String body) {
        return owner.post(campaigns(project, form), Map.of("name", "Welcome", "trigger", "ON_EVENT",
                "event", "SUBSCRIBER_CREATED", "subject", subject, "bodyTemplate", body));
    }

    private static String campaigns(String project, String integration) {
        return Api.integration(project, integration) + "/campaigns";
    }
}
