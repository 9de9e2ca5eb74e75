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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.InputRules;
import io.mailoo.integration.service.ProjectService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Projects: the caller of POST becomes the owner; members may read. */
@Path("/api/v1/projects")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Projects")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    ProjectService projects;

    @Inject
    Caller caller;

    @POST
    @Operation(operationId = "createProject", summary = "Create a project; the caller is its owner")
    @APIResponse(responseCode = "201", description = "The project", headers = @Header(name = ApiHeaders.LOCATION,
            ref = ApiHeaders.LOCATION), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "422", description = "NAME_REQUIRED, NAME_INVALID (errors[] names the field)")
    public Uni<Response> create(NameRequest request) {
        String name = request == null ? null : request.name();
        InputRules.check().name("name", name, 100).orFail();
        String userId = caller.id();
        return projects.create(userId, name).map(p -> Response.created(URI.create("/api/v1/projects/" + p.id))
                .entity(ProjectView.of(p, userId)).build());
    }

    @GET
    @Operation(operationId = "listProjects", summary = "The projects the caller owns or is a member of")
    @APIResponse(responseCode = "200")
    public Uni<List<ProjectView>> list() {
        String userId = caller.id();
        return projects.visibleTo(userId).map(list -> list.stream().map(p -> ProjectView.of(p, userId)).toList());
    }

    @GET
    @Path("/{projectUid}")
    @Operation(operationId = "getProject", summary = "One project (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND: no such project, or the caller is not a "
            + "member")
    public Uni<ProjectView> get(@PathParam("projectUid") String projectUid) {
        String userId = caller.id();
        return projects.get(projectUid, userId).map(p -> ProjectView.of(p, userId));
    }

    /** Owner only; adding an existing member again updates their email. */
    @POST
    @Path("/{projectUid}/members")
    @Operation(operationId = "addMember", summary = "Add a member (owner); adding one again updates the email")
    @APIResponse(responseCode = "201", description = "The member", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "MEMBER_IS_OWNER: the user owns the project")
    @APIResponse(responseCode = "422", description = "userId missing or too long, EMAIL_INVALID; VALIDATION_FAILED for "
            + "more than one (errors[] names the fields)")
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
    @Operation(operationId = "listMembers", summary = "The project's members (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    public Uni<List<MemberView>> members(@PathParam("projectUid") String projectUid) {
        return projects.members(projectUid, caller.id()).map(list -> list.stream().map(MemberView::of).toList());
    }
}
