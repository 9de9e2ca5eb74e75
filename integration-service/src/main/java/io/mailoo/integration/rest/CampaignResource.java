package io.mailoo.integration.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.CampaignService;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Campaigns (owner) and subscribers with their welcome status (members). */
@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Campaigns and subscribers")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @Inject
    CampaignService campaigns;

    @Inject
    Caller caller;

    @POST
    @Path("/campaigns")
    @Operation(operationId = "createCampaign", summary = "Create a welcome campaign (owner; FORM only)")
    @APIResponse(responseCode = "201", description = "The campaign", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "CAMPAIGNS_NOT_SUPPORTED (not a FORM), CAMPAIGN_TRIGGER_INVALID, "
            + "CAMPAIGN_EVENT_INVALID, NAME_REQUIRED, NAME_INVALID, TEMPLATE_REQUIRED, TEMPLATE_INVALID, or the code "
            + "of the subject at fault; VALIDATION_FAILED for more than one (errors[] names the fields)")
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, CampaignRequest request) {
        CampaignRequest r = request == null ? new CampaignRequest(null, null, null, null, null, null) : request;
        return campaigns.create(projectUid, integrationId, caller.id(), r.name(), r.trigger(), r.event(),
                r.subject(), r.bodyTemplate(), r.active())
                .map(c -> Response.status(201).entity(CampaignView.of(c)).build());
    }

    @GET
    @Path("/campaigns")
    @Operation(operationId = "listCampaigns", summary = "The integration's campaigns (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    public Uni<List<CampaignView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return campaigns.campaigns(projectUid, integrationId, caller.id())
                .map(list -> list.stream().map(CampaignView::of).toList());
    }

    @GET
    @Path("/subscribers")
    @Operation(operationId = "listSubscribers", summary = "Subscribers with their welcome mail state (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    public Uni<List<SubscriberView>> subscribers(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return campaigns.subscribers(projectUid, integrationId, caller.id())
                .map(list -> list.stream().map(SubscriberView::of).toList());
    }
}
