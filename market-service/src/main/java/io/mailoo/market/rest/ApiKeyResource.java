package io.mailoo.market.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.ApiKeyService;
import io.mailoo.support.http.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/api-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integrator API keys (owner)")
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final JsonWebToken jwt;

    public ApiKeyResource(ApiKeyService keys, JsonWebToken jwt) {
        this.keys = keys;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the key is in this answer only (it is stored as a hash)")
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, ApiKeyInput input) {
        return keys.create(projectUid, integrationId, jwt.getSubject(), input)
                .map(created -> Response.status(201).header("Cache-Control", "no-store").entity(created).build());
    }

    @GET
    @Operation(summary = "List the integration's API keys (prefixes, never the keys)")
    public Uni<List<ApiKeyView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return keys.list(projectUid, integrationId, jwt.getSubject());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key; orders with it are refused with 401 from now on")
    public Uni<Response> revoke(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @PathParam("keyId") String keyId) {
        UUID id;
        try {
            id = UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("API_KEY_NOT_FOUND", "No such API key on this integration.");
        }
        return keys.revoke(projectUid, integrationId, jwt.getSubject(), id).map(v -> Response.noContent().build());
    }
}
