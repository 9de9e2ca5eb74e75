package io.mailoo.market.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.OrderService;
import io.mailoo.support.http.Problem;
import io.mailoo.support.mutiny.RunToCompletion;
import io.smallrye.mutiny.Uni;

/** The integrator API: called by integrators' servers with an API key of the integration, not by people. */
@Path("/api/v1/market/{integrationId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders (integrator API key)")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An integrator API key of the integration (mk_…), created by the integration's owner")
@SecurityRequirement(name = "apiKey")
public class OrderResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;

    public OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The order (or, for a repeated Idempotency-Key, the first one)")
    @APIResponse(responseCode = "401", description = "API_KEY_MISSING, API_KEY_INVALID or API_KEY_REVOKED",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "API_KEY_WRONG_INTEGRATION",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "INTEGRATION_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "INTEGRATION_INACTIVE",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "REQUEST_TOO_LARGE",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "SKU_UNKNOWN, QUANTITY_INVALID, EMAIL_INVALID, ITEMS_TOO_MANY, "
            + "IDEMPOTENCY_KEY_REUSED, … (errors[] names the fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "RATE_LIMITED; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Operation(summary = "Place an order; prices and total come from the catalog. The same Idempotency-Key and body "
            + "return the first order (header Idempotent-Replayed: true) and send no second mail")
    public Uni<Response> place(@PathParam("integrationId") String integrationId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Any 1-255 printable ASCII characters, e.g. a UUID per order attempt")
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, OrderInput input) {
        // an order commits or rolls back whole even when the client gives up waiting (it may retry with the key)
        return RunToCompletion.of(orders.place(integrationId, authorization, idempotencyKey, input)).map(placed -> {
            Response.ResponseBuilder response = Response.created(URI.create(placed.view().orderId().toString()))
                    .entity(placed.view());
            if (placed.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "An order with the state of the buyer's confirmation: QUEUED, SENT, FAILED (errorCode) or "
            + "NOT_CONFIGURED")
    public Uni<OrderView> get(@PathParam("integrationId") String integrationId,
            @PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return orders.get(integrationId, authorization, orderId);
    }
}
