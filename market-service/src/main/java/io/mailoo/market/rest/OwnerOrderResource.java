package io.mailoo.market.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.OrderListService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The orders of a MARKET integration as the dashboard lists them (project members). */
@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders (owner)")
@SecurityRequirement(name = ApiSecurity.JWT)
public class OwnerOrderResource {

    private final OrderListService orders;
    private final JsonWebToken jwt;

    public OwnerOrderResource(OrderListService orders, JsonWebToken jwt) {
        this.orders = orders;
        this.jwt = jwt;
    }

    @GET
    @Operation(operationId = "listOrders", summary = "The newest orders with the state of each buyer's confirmation "
            + "(project members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "LIMIT_INVALID")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND: not a member, or no "
            + "such project or integration")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<List<OrderView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId,
            @Parameter(description = "How many orders, 1-" + OrderListService.MAX_LIMIT + " (default "
                    + OrderListService.DEFAULT_LIMIT + ")", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + OrderListService.MAX_LIMIT)) @QueryParam("limit") String limit) {
        return orders.newest(projectUid, integrationId, jwt.getSubject(), limit);
    }
}
