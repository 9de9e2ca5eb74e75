package io.mailoo.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.dispatch.repository.DeliveryLogRepository;
import io.mailoo.dispatch.repository.ProjectAccessRepository;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.projection.ProjectionGrace;
import io.smallrye.mutiny.Uni;

/**
 * Who may see and act on a profile's delivery log: the project's members see it, its owner acts on it. A caller who
 * is not a member, a project dispatch does not know and a profile of another project are all 404, so the answer
 * never tells a stranger that something exists; a member who is not the owner gets 403 on the owner's actions.
 */
@ApplicationScoped
public class DeliveryLogAccess {

    /** The profile whose log a route reads, checked against the project in the path. */
    public record Scope(String projectUid, String profileRef) {
    }

    private final ProjectAccessRepository projects;
    private final DeliveryLogRepository log;
    private final ProjectionGrace grace;

    public DeliveryLogAccess(ProjectAccessRepository projects, DeliveryLogRepository log, ProjectionGrace grace) {
        this.projects = projects;
        this.log = log;
        this.grace = grace;
    }

    /**
     * The scope when {@code userId} may read the log of {@code kind}/{@code ownerId} in {@code projectUid}
     * ({@code ownerRequired}: and act on it).
     *
     * @param kind "integrations" or "offer-generators", as in the path
     */
    public Uni<Scope> check(String projectUid, String kind, String ownerId, String userId, boolean ownerRequired) {
        ProfileRef ref = profileRef(kind, ownerId);
        return projects.find(projectUid).chain(access -> {
            if (access == null || !access.isMember(userId)) {
                throw grace.absent(projectUid, "PROJECT_NOT_YET_VISIBLE", "project", DeliveryLogAccess::noProject);
            }
            return log.profileProject(ref.toString()).map(profileProject -> {
                if (profileProject != null && !profileProject.equals(projectUid)) {
                    throw notFound(ref);
                }
                if (ownerRequired && !access.isOwner(userId)) {
                    throw new ProblemException(403, "OWNER_REQUIRED", "Only the project's owner may do this.");
                }
                return new Scope(projectUid, ref.toString());
            });
        });
    }

    private static ProfileRef profileRef(String kind, String ownerId) {
        ProfileRef.Kind refKind = "integrations".equals(kind) ? ProfileRef.Kind.INTEGRATION
                : ProfileRef.Kind.OFFER_GENERATOR;
        try {
            return new ProfileRef(refKind, ownerId);
        } catch (IllegalArgumentException e) {
            throw notFound(new ProfileRef(refKind, "unknown"));
        }
    }

    private static ProblemException notFound(ProfileRef ref) {
        return ref.kind() == ProfileRef.Kind.INTEGRATION
                ? ProblemException.notFound("INTEGRATION_NOT_FOUND", "The integration does not exist in this project.")
                : ProblemException.notFound("OFFER_GENERATOR_NOT_FOUND",
                        "The offer generator does not exist in this project.");
    }

    private static ProblemException noProject() {
        return ProblemException.notFound("PROJECT_NOT_FOUND", "No such project, or you are not a member.");
    }
}
