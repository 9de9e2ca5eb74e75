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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.ApiKeyService;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/api-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integrator API keys (owner)")
@SecurityRequirement(name = ApiSecurity.JWT)
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final JsonWebToken jwt;

    public ApiKeyResource(ApiKeyService keys, JsonWebToken jwt) {
        this.keys = keys;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key (owner); the key is in this answer only "
            + "(it is stored as a hash)")
    @APIResponse(responseCode = "201", description = "The key, with key set this once (Cache-Control: no-store)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyCreated.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND: not a member, or no "
            + "such project or integration")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET, NAME_INVALID")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, ApiKeyInput input) {
        return keys.create(projectUid, integrationId, jwt.getSubject(), input)
                .map(created -> Response.status(201).header("Cache-Control", "no-store").entity(created).build());
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List the integration's API keys (owner; prefixes, never the "
            + "keys)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND: not a member, or no "
            + "such project or integration")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<List<ApiKeyView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return keys.list(projectUid, integrationId, jwt.getSubject());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key (owner); orders with it are refused with "
            + "401 from now on; revoking again is fine")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND, API_KEY_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
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
