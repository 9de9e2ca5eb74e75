package io.mailoo.offer.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.offer.service.MailSettingsService;
import io.mailoo.offer.service.SmtpTestService;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.mailoo.support.smtpprofile.SmtpRouteAnswers;
import io.mailoo.support.smtpprofile.SmtpTestView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * OfferGeneratorMailSettings, owner only. Bodies are read as trees by {@link MailSettingsJson} (unknown fields and
 * wrong types are 422 naming the field); the records named in the OpenAPI document describe their shape.
 */
@Path("/api/v1/projects/{projectUid}/offer-generators/{generatorId}/mail-settings")
@Authenticated
@Tag(name = "Offer generator mail settings")
@SecurityRequirement(name = ApiSecurity.JWT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailSettingsResource {

    @Inject
    MailSettingsService settings;

    @Inject
    SmtpTestService tests;

    @Inject
    CurrentUser user;

    @GET
    @Operation(operationId = "getMailSettings", summary = "The saved mail settings (hasSmtpPassword only, never the "
            + "password; owner)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND, "
            + "MAIL_SETTINGS_NOT_CONFIGURED: none saved")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<MailSettingsView> get(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.get(projectUid, generatorId, user.id());
    }

    @PUT
    @Operation(operationId = "saveMailSettings", summary = "Save the generator's own SMTP settings, internal "
            + "notification address and branding (owner)")
    @APIResponse(responseCode = "200", description = "The saved settings", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MailSettingsView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "SMTP_SETTINGS_REQUIRED, INTERNAL_ADDRESS_INVALID, "
            + "BRANDING_COMPANY_NAME_INVALID, BRANDING_LOGO_URL_INVALID, BRANDING_COLOR_INVALID, BRANDING_FOOTER_INVALID, "
            + SmtpRouteAnswers.FIELD_CODES)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.KEY_MISSING + "; PROJECT_NOT_YET_VISIBLE")
    public Uni<MailSettingsView> put(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MailSettingsRequest.class))) JsonNode body) {
        return settings.save(projectUid, generatorId, user.actor(), body);
    }

    @DELETE
    @ResponseStatus(204)
    @Operation(operationId = "removeMailSettings", summary = "Remove the mail settings (owner); offers are then "
            + "NOT_CONFIGURED")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND, "
            + "MAIL_SETTINGS_NOT_CONFIGURED")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<Void> delete(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.remove(projectUid, generatorId, user.actor());
    }

    @POST
    @Path("test")
    @Operation(operationId = "testMailSettings", summary = "Send one test message with unsaved settings to the "
            + "caller's own address (owner; rate-limited per user and per project)")
    @APIResponse(responseCode = "200", description = SmtpRouteAnswers.TEST_SENT, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SmtpTestView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "409", description = SmtpRouteAnswers.PASSWORD_UNREADABLE)
    @APIResponse(responseCode = "422", description = SmtpRouteAnswers.TEST_CODES + SmtpRouteAnswers.FIELD_CODES)
    @APIResponse(responseCode = "429", description = SmtpRouteAnswers.TEST_RATE_LIMITED)
    @APIResponse(responseCode = "502", description = SmtpRouteAnswers.TEST_NOT_SENT)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.KEY_MISSING + "; PROJECT_NOT_YET_VISIBLE")
    @APIResponse(responseCode = "504", description = SmtpRouteAnswers.TEST_TIMEOUT)
    public Uni<SmtpTestView> test(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MailSettingsTestRequest.class))) JsonNode body) {
        return tests.test(projectUid, generatorId, user.actor(), body);
    }

    @GET
    @Path("audit")
    @Operation(operationId = "listMailSettingsAudit", summary = "Who saved, removed or tested these settings, when, "
            + "from where and which fields (names only), newest first; limit 1-200 (default 50; owner)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "LIMIT_INVALID")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<List<SmtpSettingsAuditView>> audit(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId, @Parameter(description = "1-200, default 50",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
                            minimum = "1", maximum = "200")) @QueryParam("limit") String limit) {
        return settings.audit(projectUid, generatorId, user.id(), SmtpSettingsAudit.limit(limit));
    }
}
