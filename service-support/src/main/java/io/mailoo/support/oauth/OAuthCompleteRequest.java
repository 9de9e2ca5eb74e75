package io.mailoo.support.oauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code …/oauth/complete}: what the provider sent back to the dashboard's /oauth/callback. */
@Schema(name = "OAuthCompleteRequest", requiredProperties = { "state", "code" })
public record OAuthCompleteRequest(
        @Schema(description = "The state the start answered with (used once, 10 minutes).", maxLength = 256) String state,
        @Schema(description = "The authorization code from the provider.", maxLength = 4096) String code) {
}
