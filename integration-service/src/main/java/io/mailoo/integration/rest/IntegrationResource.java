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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.integration.service.IntegrationService;
import io.mailoo.integration.service.OutboundMailService;
import io.mailoo.integration.service.SmtpAuditTrail;
import io.mailoo.integration.service.SmtpTestService;
import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.audit.SmtpSettingsAuditView;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.mailoo.support.smtpprofile.SmtpTestView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Integrations, their outboundMail (owner only) and the test email. */
@Path("/api/v1/projects/{projectUid}/integrations")
@Authenticated
@SecurityRequirement(name = "jwt")
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

    @POST
    public Uni<Response> create(@PathParam("projectUid") String projectUid, IntegrationRequest request) {
        return integrations.create(projectUid, caller.id(), request == null ? null : request.type(),
                request == null ? null : request.name())
                .map(d -> Response.created(URI.create("/api/v1/projects/" + projectUid + "/integrations/"
                        + d.integration().id)).entity(IntegrationView.of(d)).build());
    }

    @GET
    public Uni<List<IntegrationView>> list(@PathParam("projectUid") String projectUid) {
        return integrations.list(projectUid, caller.id())
                .map(list -> list.stream().map(IntegrationView::of).toList());
    }

    @GET
    @Path("/{integrationId}")
    public Uni<IntegrationView> get(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return integrations.get(projectUid, integrationId, caller.id()).map(IntegrationView::of);
    }

    @PATCH
    @Path("/{integrationId}/config")
    @Operation(summary = "Save or remove outboundMail", description = "outboundMail {host, port, security, username,"
            + " password, fromAddress, fromName, replyTo}: password absent keeps the stored one (only while host, "
            + "port, security and username are unchanged, otherwise 422 SMTP_PASSWORD_REQUIRED), password null "
            + "removes it, outboundMail null removes the profile. Unknown fields and wrong types are 422 naming the "
            + "field. Owner only; FORM, CONTACT_FORM, MARKET only.")
    public Uni<IntegrationView> patchConfig(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, JsonNode body) {
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
    @Operation(summary = "Send a test email", description = "Sends one message with the given (unsaved) settings "
            + "to the caller's JWT email and answers with the SMTP outcome: 200 SENT, 502 with the dispatch "
            + "errorCode, 504 SMTP_TEST_TIMEOUT, 429 RATE_LIMITED (per user and per project). Nothing is stored "
            + "but the audit entry.")
    public Uni<SmtpTestView> test(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, JsonNode body) {
        return smtpTest.test(projectUid, integrationId, caller.actor(), body);
    }

    @GET
    @Path("/{integrationId}/outbound-mail/audit")
    @Operation(summary = "SMTP settings audit trail", description = "Saves, removals and tests of outboundMail, "
            + "newest first: who, when, from which address, which fields (names only), the test's outcome. Owner "
            + "only; limit 1-200 (default 50), otherwise 400 LIMIT_INVALID.")
    public Uni<List<SmtpSettingsAuditView>> audit(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @QueryParam("limit") String limit) {
        return auditTrail.list(projectUid, integrationId, caller.id(), SmtpSettingsAudit.limit(limit));
    }
}
