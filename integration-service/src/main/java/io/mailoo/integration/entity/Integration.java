package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One integration of a project, reachable from outside by its publicKey. */
@Entity
@Table(name = "integration")
public class Integration extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IntegrationType type;

    @Column(nullable = false)
    public String name;

    @Column(name = "public_key", nullable = false, unique = true)
    public String publicKey;

    public boolean active;

    /** Version of IntegrationChanged. */
    public long version;

    /** Version of MailProfileChanged; kept when the profile is removed so a new profile is always newer. */
    @Column(name = "mail_profile_version")
    public long mailProfileVersion;

    /** FORM: a subscription is confirmed by a link in a mail before it counts (and before the welcome). */
    @Column(name = "double_opt_in", nullable = false)
    public boolean doubleOptIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
