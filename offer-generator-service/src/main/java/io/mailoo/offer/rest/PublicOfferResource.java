package io.mailoo.offer.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.offer.service.GeneratorService;
import io.mailoo.offer.service.SubmissionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The wizard as a public page uses it: read it, submit answers. No sign-in. */
@Path("/api/v1/public/offer-generators/{generatorId}")
@Tag(name = "Public offer wizard")
public class PublicOfferResource {

    @Inject
    GeneratorService generators;

    @Inject
    SubmissionService submissions;

    @GET
    @WithSession
    @Operation(summary = "The wizard of an offer generator")
    public Uni<PublicGeneratorView> get(@PathParam("generatorId") String generatorId) {
        return generators.byId(generatorId).map(PublicGeneratorView::of);
    }

    @POST
    @Path("submissions")
    @Operation(summary = "Submit answers: the offer is priced here and mailed with the generator's own SMTP")
    public Uni<Response> submit(@PathParam("generatorId") String generatorId, SubmissionRequest request) {
        return submissions.submit(generatorId, request)
                .map(s -> Response.status(201).entity(SubmissionCreated.of(s)).build());
    }
}
