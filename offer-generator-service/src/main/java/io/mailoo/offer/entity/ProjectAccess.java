package io.mailoo.offer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Owner and members of a project, as integration-service last published them on mailoo.projects.v1. */
@Entity
@Table(name = "project_access")
public class ProjectAccess extends PanacheEntityBase {

    @Id
    @Column(name = "project_uid")
    public String projectUid;

    @Column(name = "owner_user_id", nullable = false)
    public String ownerUserId;

    /** JSON array; read through {@link io.mailoo.offer.service.ProjectAccessService}. */
    @Column(name = "member_user_ids", nullable = false)
    public String memberUserIds;

    @Column(nullable = false)
    public long version;
}
