package io.mailoo.market.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
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

import io.mailoo.market.service.ProductService;
import io.mailoo.support.openapi.ApiHeaders;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/products")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog (owner)")
@SecurityRequirement(name = ApiSecurity.JWT)
public class ProductResource {

    private final ProductService products;
    private final JsonWebToken jwt;

    public ProductResource(ProductService products, JsonWebToken jwt) {
        this.products = products;
        this.jwt = jwt;
    }

    @POST
    @Operation(operationId = "createProduct", summary = "Add a product (owner only); the sku is unique within the "
            + "integration")
    @APIResponse(responseCode = "201", description = "The product", headers = @Header(name = ApiHeaders.LOCATION,
            ref = ApiHeaders.LOCATION), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND: not a member, or no "
            + "such project or integration")
    @APIResponse(responseCode = "409", description = "SKU_EXISTS")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET, BODY_REQUIRED, SKU_INVALID, NAME_INVALID, "
            + "PRICE_INVALID, CURRENCY_INVALID; VALIDATION_FAILED for more than one (errors[] names the fields)")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, ProductInput input) {
        return products.create(projectUid, integrationId, jwt.getSubject(), input)
                .map(p -> Response.created(URI.create("/api/v1/projects/" + projectUid + "/integrations/"
                        + integrationId + "/market/products/" + p.id())).entity(p).build());
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List the catalog by sku (project members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND: not a member, or no "
            + "such project or integration")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<List<ProductView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return products.list(projectUid, integrationId, jwt.getSubject());
    }

    @GET
    @Path("/{productId}")
    @Operation(operationId = "getProduct", summary = "One product (project members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND, PRODUCT_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "INTEGRATION_NOT_MARKET")
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE, INTEGRATION_NOT_YET_VISIBLE: created "
            + "moments ago and not here yet; repeat after Retry-After")
    public Uni<ProductView> get(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @PathParam("productId") String productId) {
        return products.get(projectUid, integrationId, jwt.getSubject(), productId);
    }
}
