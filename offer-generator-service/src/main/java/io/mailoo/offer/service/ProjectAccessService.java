package io.mailoo.offer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.entity.ProjectAccess;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.projection.ProjectionGrace;
import io.smallrye.mutiny.Uni;

/**
 * Authorisation from the projection of mailoo.projects.v1: not a member (or an unknown project) → 404, so a
 * stranger cannot even learn that a project exists; a member on an owner-only route → 403. For a project id created
 * moments ago the 404 is a 503 PROJECT_NOT_YET_VISIBLE with Retry-After instead (ProjectionGrace).
 */
@ApplicationScoped
public class ProjectAccessService {

    public static final String PROJECT_NOT_YET_VISIBLE = "PROJECT_NOT_YET_VISIBLE";

    @Inject
    ProjectionGrace grace;

    /** Call inside a session or transaction. */
    public Uni<ProjectAccess> requireMember(String projectUid, String userId) {
        return ProjectAccess.<ProjectAccess>findById(projectUid).map(access -> {
            if (access == null || userId == null || !isMember(access, userId)) {
                throw grace.absent(projectUid, PROJECT_NOT_YET_VISIBLE, "project",
                        () -> ProblemException.notFound("PROJECT_NOT_FOUND", "No such project."));
            }
            return access;
        });
    }

    public Uni<ProjectAccess> requireOwner(String projectUid, String userId) {
        return requireMember(projectUid, userId).map(access -> {
            if (!access.ownerUserId.equals(userId)) {
                throw new ProblemException(403, "OWNER_REQUIRED", "Only the project's owner may do this.");
            }
            return access;
        });
    }

    static boolean isMember(ProjectAccess access, String userId) {
        return access.ownerUserId.equals(userId) || members(access).contains(userId);
    }

    public static List<String> members(ProjectAccess access) {
        return List.of(EventCodec.decode(access.memberUserIds, String[].class));
    }
}
