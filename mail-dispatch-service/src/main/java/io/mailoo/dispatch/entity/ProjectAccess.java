package io.mailoo.dispatch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Who owns a project and who is a member, as integration-service last published it (mailoo.projects.v1): written by
 * {@link io.mailoo.dispatch.messaging.ProjectProjector}, read by {@link io.mailoo.dispatch.repository.ProjectAccessRepository}.
 */
@Entity
@Table(name = "project_access")
public class ProjectAccess extends PanacheEntityBase {

    @Id
    @Column(name = "project_uid")
    public String projectUid;

    @Column(name = "owner_user_id", nullable = false)
    public String ownerUserId;

    /** A JSON array of user ids. */
    @Column(name = "member_user_ids", nullable = false)
    public String memberUserIds = "[]";

    @Column(nullable = false)
    public long version;
}
