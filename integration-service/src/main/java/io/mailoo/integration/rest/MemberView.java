package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.ProjectMember;

/** A member of a project. */
@Schema(requiredProperties = { "userId", "email" })
public record MemberView(String userId, @Schema(nullable = true) String email) {

    public static MemberView of(ProjectMember member) {
        return new MemberView(member.userId, member.email);
    }
}
