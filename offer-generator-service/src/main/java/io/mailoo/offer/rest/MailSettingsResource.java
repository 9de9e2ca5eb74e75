package io.mailoo.offer.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.offer.service.MailSettingsService;
import io.mailoo.offer.service.SmtpTestService;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
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
@SecurityRequirement(name = "SecurityScheme")
public class MailSettingsResource {

    @Inject
    MailSettingsService settings;

    @Inject
    SmtpTestService tests;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "The saved mail settings (hasSmtpPassword only, never the password)")
    public Uni<MailSettingsView> get(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.get(projectUid, generatorId, user.id());
    }

    @PUT
    @Operation(summary = "Save the generator's own SMTP settings, internal notification address and branding")
    public Uni<MailSettingsView> put(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId,
            @RequestBody(content = @Content(schema = @Schema(implementation = MailSettingsRequest.class)))
            JsonNode body) {
        return settings.save(projectUid, generatorId, user.actor(), body);
    }

    @DELETE
    @ResponseStatus(204)
    @Operation(summary = "Remove the mail settings; offers are then NOT_CONFIGURED")
    public Uni<Void> delete(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.remove(projectUid, generatorId, user.actor());
    }

    @POST
    @Path("test")
    @Operation(summary = "Send one test message with unsaved settings to the caller's own address "
            + "(rate-limited per user and per project: 429 RATE_LIMITED with Retry-After)")
    public Uni<SmtpTestView> test(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId,
            @RequestBody(content = @Content(schema = @Schema(implementation = MailSettingsTestRequest.class)))
            JsonNode body) {
        return tests.test(projectUid, generatorId, user.actor(), body);
    }

    @GET
    @Path("audit")
    @Operation(summary = "Who saved, removed or tested these settings, when, from where and which fields (names "
            + "only), newest first; limit 1-200 (default 50)")
    public Uni<List<SmtpSettingsAuditView>> audit(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId, @QueryParam("limit") String limit) {
        return settings.audit(projectUid, generatorId, user.id(), SmtpSettingsAudit.limit(limit));
    }
}
