package io.mailoo.integration.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(operationId = "submitForm", summary = "A form post: becomes an inbound message (FORM, CONTACT_FORM)")
    @APIResponse(responseCode = "201", description = "The inbound message's id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedView.class)))
    @APIResponse(responseCode = "404", description = "FORM_NOT_FOUND: no active integration has this key")
    @APIResponse(responseCode = "422", description = "SUBMISSIONS_NOT_SUPPORTED, EMAIL_REQUIRED, EMAIL_INVALID, "
            + "NAME_INVALID, FIELDS_TOO_LARGE, or the code of a too long message; VALIDATION_FAILED for more "
            + "than one (errors[])")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: posts per key and minute")
    public Uni<Response> submit(@PathParam("publicKey") String publicKey, SubmissionRequest request) {
        SubmissionRequest r = request == null ? EMPTY : request;
        return forms.submit(publicKey, r.email(), r.name(), r.message(), r.fields())
                .map(m -> Response.status(201).entity(new CreatedView(m.id.toString())).build());
    }

    @POST
    @Path("/subscriptions")
    @Operation(operationId = "subscribe", summary = "A subscription: becomes a subscriber (FORM); a repeat of the "
            + "address answers the same id")
    @APIResponse(responseCode = "201", description = "The subscriber's id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedView.class)))
    @APIResponse(responseCode = "404", description = "FORM_NOT_FOUND: no active integration has this key")
    @APIResponse(responseCode = "422", description = "SUBSCRIPTIONS_NOT_SUPPORTED, EMAIL_REQUIRED, EMAIL_INVALID, "
            + "NAME_INVALID, FIELDS_TOO_LARGE; VALIDATION_FAILED for more than one (errors[])")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: posts per key and minute")
    public Uni<Response> subscribe(@PathParam("publicKey") String publicKey, SubmissionRequest request) {
        SubmissionRequest r = request == null ? EMPTY : request;
        return forms.subscribe(publicKey, r.email(), r.name(), r.fields())
                .map(s -> Response.status(201).entity(new CreatedView(s.id.toString())).build());
    }
}
