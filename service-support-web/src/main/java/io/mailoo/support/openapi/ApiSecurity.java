package io.mailoo.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The two security scheme names every Mailoo document uses, so that a client generated from any of them (or from the
 * gateway's merged document) has one setting per credential: routes name them with
 * {@code @SecurityRequirement(name = ApiSecurity.JWT)}.
 */
public final class ApiSecurity {

    /** A signed-in person: {@code Authorization: Bearer <JWT>} (RS256, claims sub, email, groups). */
    public static final String JWT = "jwt";

    /** An integrator's server: {@code Authorization: Bearer <API key>} of one MARKET integration. */
    public static final String API_KEY = "apiKey";

    private ApiSecurity() {
    }

    static SecurityScheme jwt() {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A signed-in user's token: Authorization: Bearer <JWT> (RS256; claims sub, email, "
                        + "groups), as the dashboard sends it. Missing, expired or not valid: 401 UNAUTHORIZED.");
    }

    static SecurityScheme apiKey() {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An integrator API key of one MARKET integration (mk_…), created by the integration's "
                        + "owner and shown once: Authorization: Bearer <API key>.");
    }
}
