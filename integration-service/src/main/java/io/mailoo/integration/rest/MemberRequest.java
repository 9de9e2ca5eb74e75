package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {userId, email}: adds a member. */
@Schema(requiredProperties = "userId")
public record MemberRequest(@Schema(description = "The member's JWT sub.", maxLength = 200) String userId,
        @Schema(nullable = true) String email) {
}
