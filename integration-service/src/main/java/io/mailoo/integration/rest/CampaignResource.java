package io.mailoo.integration.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.CampaignService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Campaigns (owner) and subscribers with their welcome status (members). */
@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}")
@Authenticated
@SecurityRequirement(name = "jwt")
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
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, CampaignRequest request) {
        CampaignRequest r = request == null ? new CampaignRequest(null, null, null, null, null, null) : request;
        return campaigns.create(projectUid, integrationId, caller.id(), r.name(), r.trigger(), r.event(),
                r.subject(), r.bodyTemplate(), r.active())
                .map(c -> Response.status(201).entity(CampaignView.of(c)).build());
    }

    @GET
    @Path("/campaigns")
    public Uni<List<CampaignView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return campaigns.campaigns(projectUid, integrationId, caller.id())
                .map(list -> list.stream().map(CampaignView::of).toList());
    }

    @GET
    @Path("/subscribers")
    public Uni<List<SubscriberView>> subscribers(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return campaigns.subscribers(projectUid, integrationId, caller.id())
                .map(list -> list.stream().map(SubscriberView::of).toList());
    }
}
