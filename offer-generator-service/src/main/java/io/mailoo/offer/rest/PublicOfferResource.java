package io.mailoo.offer.rest;

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
import io.mailoo.offer.service.SubmissionService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The wizard as a public page uses it: read it, submit answers. No sign-in. */
@Path("/api/v1/public/offer-generators/{generatorId}")
@Tag(name = "Public offer wizard")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PublicOfferResource {

    @Inject
    GeneratorService generators;

    @Inject
    SubmissionService submissions;

    @GET
    @WithSession
    @Operation(operationId = "getOfferWizard", summary = "The wizard of an offer generator")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "OFFER_GENERATOR_NOT_FOUND")
    public Uni<PublicGeneratorView> get(@PathParam("generatorId") String generatorId) {
        return generators.byId(generatorId).map(PublicGeneratorView::of);
    }

    @POST
    @Path("submissions")
    @Operation(operationId = "submitOffer", summary = "Submit answers: the offer is priced here and mailed with the "
            + "generator's own SMTP")
    @APIResponse(responseCode = "201", description = "The priced offer and the state of both mails", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionCreated.class)))
    @APIResponse(responseCode = "404", description = "OFFER_GENERATOR_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "CUSTOMER_EMAIL_REQUIRED, CUSTOMER_EMAIL_INVALID, "
            + "CUSTOMER_NAME_INVALID, ANSWER_REQUIRED, ANSWER_FIELD_UNKNOWN, ANSWER_TYPE_INVALID, ANSWER_OPTION_UNKNOWN, "
            + "ANSWER_OUT_OF_RANGE, ANSWER_TEXT_INVALID, PRICE_OUT_OF_RANGE; VALIDATION_FAILED for more than one "
            + "(errors[] names the fields)")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: submissions per generator and minute")
    public Uni<Response> submit(@PathParam("generatorId") String generatorId, SubmissionRequest request) {
        return submissions.submit(generatorId, request)
                .map(s -> Response.status(201).entity(SubmissionCreated.of(s)).build());
    }
}
