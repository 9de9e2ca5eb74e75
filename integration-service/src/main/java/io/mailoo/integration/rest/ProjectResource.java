package io.mailoo.integration.rest;

import java.net.URI;
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

import io.mailoo.integration.service.InputRules;
import io.mailoo.integration.service.ProjectService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Projects: the caller of POST becomes the owner; members may read. */
@Path("/api/v1/projects")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Projects")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    ProjectService projects;

    @Inject
    Caller caller;

    @POST
    public Uni<Response> create(NameRequest request) {
        String name = request == null ? null : request.name();
        InputRules.check().name("name", name, 100).orFail();
        String userId = caller.id();
        return projects.create(userId, name).map(p -> Response.created(URI.create("/api/v1/projects/" + p.id))
                .entity(ProjectView.of(p, userId)).build());
    }

    @GET
    public Uni<List<ProjectView>> list() {
        String userId = caller.id();
        return projects.visibleTo(userId).map(list -> list.stream().map(p -> ProjectView.of(p, userId)).toList());
    }

    @GET
    @Path("/{projectUid}")
    public Uni<ProjectView> get(@PathParam("projectUid") String projectUid) {
        String userId = caller.id();
        return projects.get(projectUid, userId).map(p -> ProjectView.of(p, userId));
    }

    /** Owner only; adding an existing member again updates their email. */
    @POST
    @Path("/{projectUid}/members")
    public Uni<Response> addMember(@PathParam("projectUid") String projectUid, MemberRequest request) {
        String userId = request == null ? null : request.userId();
        String email = request == null ? null : request.email();
        InputRules rules = InputRules.check().name("userId", userId, 200);
        if (email != null) {
            rules.email("email", email);
        }
        rules.orFail();
        return projects.addMember(projectUid, caller.id(), userId, email)
                .map(m -> Response.status(201).entity(MemberView.of(m)).build());
    }

    @GET
    @Path("/{projectUid}/members")
    public Uni<List<MemberView>> members(@PathParam("projectUid") String projectUid) {
        return projects.members(projectUid, caller.id()).map(list -> list.stream().map(MemberView::of).toList());
    }
}
