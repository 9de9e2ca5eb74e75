package io.mailoo.integration.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.PublicFormService;
import io.smallrye.mutiny.Uni;

/** Posts from integrators' pages, by the integration's publicKey; no sign-in, rate-limited per key. */
@Path("/api/v1/public/forms/{publicKey}")
@PermitAll
@Tag(name = "Public forms")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class PublicFormResource {

    private static final SubmissionRequest EMPTY = new SubmissionRequest(null, null, null, null);

    @Inject
    PublicFormService forms;

    @POST
    @Path("/submissions")
    public Uni<Response> submit(@PathParam("publicKey") String publicKey, SubmissionRequest request) {
        SubmissionRequest r = request == null ? EMPTY : request;
        return forms.submit(publicKey, r.email(), r.name(), r.message(), r.fields())
                .map(m -> Response.status(201).entity(new CreatedView(m.id.toString())).build());
    }

    @POST
    @Path("/subscriptions")
    public Uni<Response> subscribe(@PathParam("publicKey") String publicKey, SubmissionRequest request) {
        SubmissionRequest r = request == null ? EMPTY : request;
        return forms.subscribe(publicKey, r.email(), r.name(), r.fields())
                .map(s -> Response.status(201).entity(new CreatedView(s.id.toString())).build());
    }
}
