package io.mailoo.integration.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.integration.service.IntegrationService;
import io.mailoo.integration.service.OutboundMailService;
import io.mailoo.integration.service.SmtpAuditTrail;
import io.mailoo.integration.service.SmtpTestService;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.mailoo.support.smtpprofile.SmtpRouteAnswers;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.mailoo.support.smtpprofile.SmtpTestView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Integrations, their outboundMail (owner only) and the test email. */
@Path("/api/v1/projects/{projectUid}/integrations")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Integrations")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    @Inject
    IntegrationService integrations;

    @Inject
    OutboundMailService outboundMail;

    @Inject
    SmtpTestService smtpTest;

    @Inject
    SmtpAuditTrail auditTrail;

    @Inject
    Caller caller;

    /** The 422 codes of outboundMail: a type without it, then the settings' own. */
    static final String SMTP_FIELD_CODES = "OUTBOUND_MAIL_NOT_SUPPORTED (WEBHOOK), " + SmtpRouteAnswers.FIELD_CODES;

    @POST
    @Operation(operationId = "createIntegration", summary = "Create an integration (owner)")
    @APIResponse(responseCode = "201", description = "The integration", headers = @Header(name = ApiHeaders.LOCATION,
            ref = ApiHeaders.LOCATION), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "INTEGRATION_TYPE_INVALID, NAME_REQUIRED, NAME_INVALID; "
            + "VALIDATION_FAILED for more than one (errors[] names the fields)")
    public Uni<Response> create(@PathParam("projectUid") String projectUid, IntegrationRequest request) {
        return integrations.create(projectUid, caller.id(), request == null ? null : request.type(),
                request == null ? null : request.name())
                .map(d -> Response.created(URI.create("/api/v1/projects/" + projectUid + "/integrations/"
                        + d.integration().id)).entity(IntegrationView.of(d)).build());
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "The project's integrations (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    public Uni<List<IntegrationView>> list(@PathParam("projectUid") String projectUid) {
        return integrations.list(projectUid, caller.id())
                .map(list -> list.stream().map(IntegrationView::of).toList());
    }

    @GET
    @Path("/{integrationId}")
    @Operation(operationId = "getIntegration", summary = "One integration (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    public Uni<IntegrationView> get(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return integrations.get(projectUid, integrationId, caller.id()).map(IntegrationView::of);
    }

    @PATCH
    @Path("/{integrationId}/config")
    @Operation(operationId = "updateIntegrationConfig", summary = "Save or remove outboundMail", description = "outboundMail {host, port, security, username,"
            + " password, fromAddress, fromName, replyTo}: password absent keeps the stored one (only while host, "
            + "port, security and username are unchanged, otherwise 422 SMTP_PASSWORD_REQUIRED), password null "
            + "removes it, outboundMail null removes the profile. Unknown fields and wrong types are 422 naming the "
            + "field. Owner only; FORM, CONTACT_FORM, MARKET only.")
    @APIResponse(responseCode = "200", description = "The integration with its saved outboundMail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "422", description = SMTP_FIELD_CODES)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.KEY_MISSING)
    public Uni<IntegrationView> patchConfig(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundMailChange.class)))
            JsonNode body) {
        SmtpSettingsJson.Patch patch = SmtpSettingsJson.patch(body, "outboundMail");
        if (patch instanceof SmtpSettingsJson.Absent) {
            return integrations.get(projectUid, integrationId, caller.id()).map(IntegrationView::of);
        }
        return outboundMail.save(projectUid, integrationId, caller.actor(),
                patch instanceof SmtpSettingsJson.Settings s ? Optional.of(s.input()) : Optional.empty())
                .map(IntegrationView::of);
    }

    @POST
    @Path("/{integrationId}/outbound-mail/test")
    @Operation(operationId = "testOutboundMail", summary = "Send a test email", description = "Sends one message with the given (unsaved) settings "
            + "to the caller's JWT email and answers with the SMTP outcome: 200 SENT, 502 with the dispatch "
            + "errorCode, 504 SMTP_TEST_TIMEOUT, 429 RATE_LIMITED (per user and per project). Nothing is stored "
            + "but the audit entry.")
    @APIResponse(responseCode = "200", description = SmtpRouteAnswers.TEST_SENT, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SmtpTestView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = SmtpRouteAnswers.PASSWORD_UNREADABLE)
    @APIResponse(responseCode = "422", description = SmtpRouteAnswers.TEST_CODES + SMTP_FIELD_CODES)
    @APIResponse(responseCode = "429", description = SmtpRouteAnswers.TEST_RATE_LIMITED)
    @APIResponse(responseCode = "502", description = SmtpRouteAnswers.TEST_NOT_SENT)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.KEY_MISSING)
    @APIResponse(responseCode = "504", description = SmtpRouteAnswers.TEST_TIMEOUT)
    public Uni<SmtpTestView> test(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundMailTest.class)))
            JsonNode body) {
        return smtpTest.test(projectUid, integrationId, caller.actor(), body);
    }

    @GET
    @Path("/{integrationId}/outbound-mail/audit")
    @Operation(operationId = "listOutboundMailAudit", summary = "SMTP settings audit trail", description = "Saves, removals and tests of outboundMail, "
            + "newest first: who, when, from which address, which fields (names only), the test's outcome. Owner "
            + "only; limit 1-200 (default 50), otherwise 400 LIMIT_INVALID.")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "LIMIT_INVALID")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    public Uni<List<SmtpSettingsAuditView>> audit(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @Parameter(description = "1-200, default 50",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
                            minimum = "1", maximum = "200")) @QueryParam("limit") String limit) {
        return auditTrail.list(projectUid, integrationId, caller.id(), SmtpSettingsAudit.limit(limit));
    }
}
