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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.OrderService;
import io.mailoo.support.mutiny.RunToCompletion;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.smallrye.mutiny.Uni;

/** The integrator API: called by integrators' servers with an API key of the integration, not by people. */
@Path("/api/v1/market/{integrationId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders (integrator API key)")
@SecurityRequirement(name = ApiSecurity.API_KEY)
public class OrderResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;

    public OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "placeOrder", summary = "Place an order; prices and total come from the catalog. The "
            + "same Idempotency-Key and body return the first order (header Idempotent-Replayed: true) and send no "
            + "second mail")
    @APIResponse(responseCode = "201", description = "The order (or, for a repeated Idempotency-Key and body, the "
            + "first one)", headers = { @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                    @Header(name = ApiHeaders.IDEMPOTENT_REPLAYED, ref = ApiHeaders.IDEMPOTENT_REPLAYED) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "API_KEY_MISSING, API_KEY_INVALID, API_KEY_REVOKED")
    @APIResponse(responseCode = "403", description = "API_KEY_WRONG_INTEGRATION: a key of another integration (also "
            + "for an integration that does not exist)")
    @APIResponse(responseCode = "404", description = "INTEGRATION_NOT_FOUND: the key's integration is gone")
    @APIResponse(responseCode = "409", description = "INTEGRATION_INACTIVE")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_INVALID, IDEMPOTENCY_KEY_REUSED (the key came "
            + "with another body), BUYER_REQUIRED, EMAIL_INVALID, NAME_INVALID, ITEMS_REQUIRED, ITEMS_TOO_MANY, "
            + "SKU_INVALID, SKU_DUPLICATE, QUANTITY_INVALID, NOTE_TOO_LONG, NOTE_INVALID, SKU_UNKNOWN, CURRENCIES_MIXED; "
            + "VALIDATION_FAILED for more than one (errors[] names the fields)")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: orders per API key and minute")
    @APIResponse(responseCode = "503", description = "INTEGRATION_NOT_YET_VISIBLE: created moments ago and not here "
            + "yet; repeat after Retry-After")
    public Uni<Response> place(@PathParam("integrationId") String integrationId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Makes a retry safe: 1-255 printable ASCII characters (no space), e.g. a UUID "
                    + "per order; scoped to the integration and kept as long as the order. The same key and body "
                    + "answer the first order again (Idempotent-Replayed: true); the same key with another body is "
                    + "422 IDEMPOTENCY_KEY_REUSED.", schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$"))
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, OrderInput input) {
        // an order commits or rolls back whole even when the client gives up waiting (it may retry with the key)
        return RunToCompletion.of(orders.place(integrationId, authorization, idempotencyKey, input)).map(placed -> {
            Response.ResponseBuilder response = Response.created(URI.create("/api/v1/market/" + integrationId
                    + "/orders/" + placed.view().orderId())).entity(placed.view());
            if (placed.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{orderId}")
    @Operation(operationId = "getOrder", summary = "An order with the state of the buyer's confirmation: QUEUED, "
            + "SENT, FAILED (errorCode) or NOT_CONFIGURED")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "401", description = "API_KEY_MISSING, API_KEY_INVALID, API_KEY_REVOKED")
    @APIResponse(responseCode = "403", description = "API_KEY_WRONG_INTEGRATION")
    @APIResponse(responseCode = "404", description = "INTEGRATION_NOT_FOUND, ORDER_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "INTEGRATION_NOT_YET_VISIBLE: created moments ago and not here "
            + "yet; repeat after Retry-After")
    public Uni<OrderView> get(@PathParam("integrationId") String integrationId,
            @PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return orders.get(integrationId, authorization, orderId);
    }
}
