package io.mailoo.integration.rest;

import io.mailoo.integration.entity.ProjectMember;

/** A member of a project. */
public record MemberView(String userId, String email) {

    public static MemberView of(ProjectMember member) {
        return new MemberView(member.userId, member.email);
    }
}
