package io.mailoo.offer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An integration's project and type, projected from mailoo.integrations.v1. */
@Entity
@Table(name = "integration_ref")
public class IntegrationRef extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public String integrationId;

    @Column(name = "project_uid", nullable = false)
    public String projectUid;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public long version;
}
