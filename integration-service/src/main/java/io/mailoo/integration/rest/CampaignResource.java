package io.mailoo.integration.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.mailoo.integration.service.CampaignService;
import io.mailoo.integration.service.SubscriptionSettingsService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Campaigns and subscription settings (owner) and subscribers with their state and mail statuses (members). */
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
    SubscriptionSettingsService settings;

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

    @PUT
    @Path("/subscription-settings")
    @Operation(summary = "Save the subscription settings", description = "{doubleOptIn: true|false}: with double "
            + "opt-in a subscription sends a confirmation mail with a signed link through the integration's own SMTP, "
            + "and the welcome follows the confirmation; unconfirmed subscribers are removed after the confirmation "
            + "window. Applies to new subscriptions. Owner only; FORM only (422 SUBSCRIPTIONS_NOT_SUPPORTED). "
            + "Unknown fields 422 FIELD_UNKNOWN, a missing or non-boolean doubleOptIn 422 FIELD_NOT_BOOLEAN.")
    public Uni<IntegrationView> saveSettings(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, JsonNode body) {
        return settings.save(projectUid, integrationId, caller.id(), body).map(IntegrationView::of);
    }
}
