package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.Project;

/** A project as its owner and members see it; {@code role} is the caller's. */
@Schema(requiredProperties = { "projectUid", "name", "ownerUserId", "role", "createdAt" })
public record ProjectView(String projectUid, String name, String ownerUserId,
        @Schema(enumeration = { "OWNER", "MEMBER" }, description = "The caller's role.") String role,
        Instant createdAt) {

    public static ProjectView of(Project project, String callerId) {
        return new ProjectView(project.id.toString(), project.name, project.ownerUserId,
                project.ownerUserId.equals(callerId) ? "OWNER" : "MEMBER", project.createdAt);
    }
}
