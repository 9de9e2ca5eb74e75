package io.mailoo.support.oauth;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where to send the browser to connect, and until when the connect may be completed. */
@Schema(name = "OAuthStart", requiredProperties = { "authorizationUrl", "expiresAt" })
public record OAuthStartView(
        @Schema(description = "The provider's authorization URL with client_id, redirect_uri, scope, state and the "
                + "PKCE S256 challenge.") String authorizationUrl,
        @Schema(description = "The state is refused after this (10 minutes).") Instant expiresAt) {
}
