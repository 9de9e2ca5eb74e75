package io.mailoo.offer.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.offer.service.GeneratorService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/offer-generators")
@Authenticated
@Tag(name = "Offer generators")
@SecurityRequirement(name = ApiSecurity.JWT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GeneratorResource {

    @Inject
    GeneratorService generators;

    @Inject
    CurrentUser user;

    @POST
    @Operation(operationId = "createOfferGenerator", summary = "Create an offer generator (owner)")
    @APIResponse(responseCode = "201", description = "The generator", headers = @Header(name = ApiHeaders.LOCATION,
            ref = ApiHeaders.LOCATION), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GeneratorView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "NAME_REQUIRED, NAME_INVALID, CURRENCY_INVALID, PRICE_INVALID, "
            + "MARKET_INTEGRATION_INVALID, MARKET_INTEGRATION_NOT_FOUND, WIZARD_STEPS_REQUIRED, WIZARD_FIELD_TYPE_INVALID "
            + "and the other WIZARD_ codes, PRICE_OUT_OF_RANGE; VALIDATION_FAILED for more than one (errors[] names "
            + "the fields)")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<Response> create(@PathParam("projectUid") String projectUid, CreateGeneratorRequest request) {
        return generators.create(projectUid, user.id(), request).map(g -> Response
                .created(URI.create("/api/v1/projects/" + projectUid + "/offer-generators/" + g.id))
                .entity(GeneratorView.of(g)).build());
    }

    @GET
    @Operation(operationId = "listOfferGenerators", summary = "List the project's offer generators (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<List<GeneratorView>> list(@PathParam("projectUid") String projectUid) {
        return generators.list(projectUid, user.id()).map(all -> all.stream().map(GeneratorView::of).toList());
    }

    @GET
    @Path("{generatorId}")
    @Operation(operationId = "getOfferGenerator", summary = "One offer generator (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After")
    public Uni<GeneratorView> get(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return generators.get(projectUid, generatorId, user.id()).map(GeneratorView::of);
    }
}
