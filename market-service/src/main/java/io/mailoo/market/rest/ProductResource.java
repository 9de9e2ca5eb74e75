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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.market.service.ProductService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/market/products")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog (owner)")
public class ProductResource {

    private final ProductService products;
    private final JsonWebToken jwt;

    public ProductResource(ProductService products, JsonWebToken jwt) {
        this.products = products;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Add a product (owner only); the sku is unique within the integration")
    public Uni<Response> create(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, ProductInput input) {
        return products.create(projectUid, integrationId, jwt.getSubject(), input)
                .map(p -> Response.created(URI.create(p.id().toString())).entity(p).build());
    }

    @GET
    @Operation(summary = "List the catalog (project members)")
    public Uni<List<ProductView>> list(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return products.list(projectUid, integrationId, jwt.getSubject());
    }
}
