package io.mailoo.offer.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import io.mailoo.offer.service.SubmissionService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/offer-generators/{generatorId}/submissions")
@Authenticated
@Tag(name = "Offer submissions")
@SecurityRequirement(name = ApiSecurity.JWT)
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

    @Inject
    SubmissionService submissions;

    @Inject
    CurrentUser user;

    @GET
    @Operation(operationId = "listSubmissions", summary = "Submissions, newest first (at most 500), with both mail "
            + "statuses (owner)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<List<SubmissionView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return submissions.list(projectUid, generatorId, user.id())
                .map(all -> all.stream().map(SubmissionView::of).toList());
    }
}
