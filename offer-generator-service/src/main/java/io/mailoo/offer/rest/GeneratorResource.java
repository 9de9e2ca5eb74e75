package io.mailoo.offer.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.offer.service.GeneratorService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/offer-generators")
@Authenticated
@Tag(name = "Offer generators")
@SecurityRequirement(name = "SecurityScheme")
public class GeneratorResource {

    @Inject
    GeneratorService generators;

    @Inject
    CurrentUser user;

    @POST
    @Operation(summary = "Create an offer generator (owner)")
    public Uni<Response> create(@PathParam("projectUid") String projectUid, CreateGeneratorRequest request) {
        return generators.create(projectUid, user.id(), request).map(g -> Response
                .created(URI.create("/api/v1/projects/" + projectUid + "/offer-generators/" + g.id))
                .entity(GeneratorView.of(g)).build());
    }

    @GET
    @Operation(summary = "List the project's offer generators (members)")
    public Uni<List<GeneratorView>> list(@PathParam("projectUid") String projectUid) {
        return generators.list(projectUid, user.id()).map(all -> all.stream().map(GeneratorView::of).toList());
    }

    @GET
    @Path("{generatorId}")
    @Operation(summary = "One offer generator (members)")
    public Uni<GeneratorView> get(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return generators.get(projectUid, generatorId, user.id()).map(GeneratorView::of);
    }
}
