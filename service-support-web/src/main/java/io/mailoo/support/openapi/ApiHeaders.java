package io.mailoo.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Response headers described once in every document's components; a route names them with
 * {@code @Header(name = "Location", ref = ApiHeaders.LOCATION)}, and every 429 and 503 gets Retry-After.
 */
public final class ApiHeaders {

    public static final String LOCATION = "Location";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private ApiHeaders() {
    }

    static Header location() {
        return OASFactory.createHeader().description("The URL of the created resource, where GET answers it.")
                .schema(text().format("uri-reference"));
    }

    static Header retryAfter() {
        return OASFactory.createHeader().description("Whole seconds (at least 1) to wait before repeating the "
                + "request.").schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .minimum(java.math.BigDecimal.ONE));
    }

    static Header idempotentReplayed() {
        return OASFactory.createHeader().description("true when the answer is the stored one of an earlier request "
                + "with the same Idempotency-Key and body (nothing was done again); absent otherwise.")
                .schema(text().addEnumeration("true"));
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }
}
