package io.mailoo.offer.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.offer.service.SubmissionService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/offer-generators/{generatorId}/submissions")
@Authenticated
@Tag(name = "Offer submissions")
@SecurityRequirement(name = "SecurityScheme")
public class SubmissionResource {

    @Inject
    SubmissionService submissions;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "Submissions, newest first (at most 500), with both mail statuses (owner)")
    public Uni<List<SubmissionView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return submissions.list(projectUid, generatorId, user.id())
                .map(all -> all.stream().map(SubmissionView::of).toList());
    }
}
