package io.mailoo.integration.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.Project;
import io.mailoo.integration.entity.ProjectMember;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Projects and their members; every change is published as ProjectChanged (and IntegrationChanged for members). */
@ApplicationScoped
public class ProjectService {

    @Inject
    ProjectAccess access;

    @Inject
    DomainEvents events;

    @WithTransaction
    public Uni<Project> create(String ownerUserId, String name) {
        Project project = new Project();
        project.id = TimeOrderedIds.next(); // other services tell "just created" from "unknown" by its time
        project.name = name;
        project.ownerUserId = ownerUserId;
        project.version = 1;
        project.createdAt = Instant.now();
        return project.<Project>persist().call(events::projectChanged);
    }

    /** Projects the user owns or is a member of. */
    @WithSession
    public Uni<List<Project>> visibleTo(String userId) {
        return Project.list("ownerUserId = ?1 or id in (select m.projectId from ProjectMember m where m.userId = ?1)"
                + " order by createdAt", userId);
    }

    @WithSession
    public Uni<Project> get(String projectUid, String userId) {
        return access.project(projectUid, userId, Role.MEMBER);
    }

    /** Adds (or updates the email of) a member; members are published with the project and its integrations. */
    @WithTransaction
    public Uni<ProjectMember> addMember(String projectUid, String callerId, String userId, String email) {
        return access.project(projectUid, callerId, Role.OWNER).chain(project -> {
            if (project.ownerUserId.equals(userId)) {
                throw new ProblemException(409, "MEMBER_IS_OWNER", "This user owns the project.");
            }
            ProjectMember.Key key = new ProjectMember.Key();
            key.projectId = project.id;
            key.userId = userId;
            return ProjectMember.<ProjectMember>findById(key).chain(existing -> {
                ProjectMember member = existing != null ? existing : new ProjectMember();
                member.projectId = project.id;
                member.userId = userId;
                member.email = email;
                if (member.addedAt == null) {
                    member.addedAt = Instant.now();
                }
                project.version++;
                return member.<ProjectMember>persistAndFlush()
                        .call(() -> events.projectChanged(project))
                        .call(() -> republishIntegrations(project));
            });
        });
    }

    @WithSession
    public Uni<List<ProjectMember>> members(String projectUid, String callerId) {
        return access.project(projectUid, callerId, Role.MEMBER)
                .chain(project -> ProjectMember.list("projectId = ?1 order by addedAt", project.id));
    }

    /** IntegrationChanged carries the member list, so a membership change re-publishes every integration. */
    private Uni<Void> republishIntegrations(Project project) {
        return Integration.<Integration>list("projectId", project.id)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(integration -> {
                    integration.version++;
                    return events.integrationChanged(project, integration);
                })
                .collect().last().replaceWithVoid();
    }
}
