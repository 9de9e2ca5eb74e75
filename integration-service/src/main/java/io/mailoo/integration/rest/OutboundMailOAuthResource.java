package io.mailoo.integration.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.integration.service.OutboundMailOAuthService;
import io.mailoo.support.oauth.OAuthCompleteRequest;
import io.mailoo.support.oauth.OAuthStartRequest;
import io.mailoo.support.oauth.OAuthStartView;
import io.mailoo.support.openapi.ApiSecurity;
import io.mailoo.support.smtpprofile.SmtpProfileView;
import io.mailoo.support.smtpprofile.SmtpRouteAnswers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Connecting an integration's outboundMail to a mailbox with OAuth2 (docs/oauth2-routes.md); owner only. */
@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/outbound-mail/oauth")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutboundMailOAuthResource {

    @Inject
    OutboundMailOAuthService oauth;

    @Inject
    Caller caller;

    @POST
    @Path("/start")
    @Operation(operationId = "startOutboundMailOAuth", summary = "Start connecting a mailbox with OAuth2 (owner)",
            description = "Stores a state (10 minutes, used once, bound to the caller and this integration) with the "
                    + "PKCE verifier and the given settings, and answers the provider's authorization URL to send "
                    + "the browser to. Nothing else is saved until complete.")
    @APIResponse(responseCode = "200", description = "Where to send the browser", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthStartView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "422", description = SmtpRouteAnswers.OAUTH_START_CODES
            + IntegrationResource.SMTP_FIELD_CODES)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.OAUTH_KEY_MISSING)
    public Uni<OAuthStartView> start(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthStartRequest.class)))
            JsonNode body) {
        return oauth.start(projectUid, integrationId, caller.actor(), body);
    }

    @POST
    @Path("/complete")
    @Operation(operationId = "completeOutboundMailOAuth", summary = "Complete the connect (owner who started it)",
            description = "Exchanges the code for a grant, saves the settings given at start with the OAuth2 login "
                    + "(username = the account) and publishes a new profile version.")
    @APIResponse(responseCode = "200", description = "The saved settings", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SmtpProfileView.class)))
    @APIResponse(responseCode = "400", description = SmtpRouteAnswers.OAUTH_STATE_INVALID)
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "422", description = SmtpRouteAnswers.OAUTH_COMPLETE_CODES)
    @APIResponse(responseCode = "502", description = SmtpRouteAnswers.OAUTH_EXCHANGE_FAILED)
    @APIResponse(responseCode = "503", description = SmtpRouteAnswers.OAUTH_KEY_MISSING)
    public Uni<SmtpProfileView> complete(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthCompleteRequest.class)))
            JsonNode body) {
        return oauth.complete(projectUid, integrationId, caller.actor(), body);
    }

    @DELETE
    @Operation(operationId = "disconnectOutboundMailOAuth", summary = "Disconnect the mailbox (owner)",
            description = "Forgets the grant: login NONE, a new profile version. Without a grant: answered unchanged.")
    @APIResponse(responseCode = "200", description = "The saved settings", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SmtpProfileView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "OUTBOUND_MAIL_NOT_CONFIGURED")
    @APIResponse(responseCode = "422", description = "OUTBOUND_MAIL_NOT_SUPPORTED (WEBHOOK)")
    public Uni<SmtpProfileView> disconnect(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return oauth.disconnect(projectUid, integrationId, caller.actor());
    }
}
