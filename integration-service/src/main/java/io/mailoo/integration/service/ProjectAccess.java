package io.mailoo.integration.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.Project;
import io.mailoo.integration.entity.ProjectMember;
import io.mailoo.support.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Who may see what: not a member → 404 (a stranger learns nothing, not even that the project exists); member but
 * not owner on an owner-only route → 403. Call inside the caller's session.
 */
@ApplicationScoped
public class ProjectAccess {

    public enum Role {
        MEMBER,
        OWNER
    }

    public Uni<Project> project(String projectUid, String userId, Role required) {
        UUID id = Ids.parse(projectUid, "PROJECT_NOT_FOUND", "project");
        return Project.<Project>findById(id).chain(project -> {
            if (project == null) {
                return Uni.createFrom().failure(notFound());
            }
            if (project.ownerUserId.equals(userId)) {
                return Uni.createFrom().item(project);
            }
            return ProjectMember.count("projectId = ?1 and userId = ?2", id, userId).map(n -> {
                if (n == 0) {
                    throw notFound();
                }
                if (required == Role.OWNER) {
                    throw new ProblemException(403, "OWNER_REQUIRED", "Only the project's owner may do this.");
                }
                return project;
            });
        });
    }

    /** The integration of a project the caller may access with the given role. */
    public Uni<Integration> integration(String projectUid, String integrationId, String userId, Role required) {
        return scoped(projectUid, integrationId, userId, required).map(ProjectIntegration::integration);
    }

    /** The integration with its project (events carry the project's owner and members). */
    public Uni<ProjectIntegration> scoped(String projectUid, String integrationId, String userId, Role required) {
        UUID id = Ids.parse(integrationId, "INTEGRATION_NOT_FOUND", "integration");
        return project(projectUid, userId, required)
                .chain(project -> Integration.<Integration>find("id = ?1 and projectId = ?2", id, project.id)
                        .<Integration>firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("INTEGRATION_NOT_FOUND",
                                "No such integration in this project."))
                        .map(integration -> new ProjectIntegration(project, integration)));
    }

    /** An integration and the project it belongs to. */
    public record ProjectIntegration(Project project, Integration integration) {
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("PROJECT_NOT_FOUND", "No such project.");
    }
}
