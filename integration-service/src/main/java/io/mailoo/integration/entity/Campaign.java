package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A mail sent on an event; today ON_EVENT / SUBSCRIBER_CREATED (the welcome mail). */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String event;

    @Column(nullable = false)
    public String subject;

    @Column(name = "body_template", nullable = false)
    public String bodyTemplate;

    public boolean active;

    /** Why the service switched the campaign off (e.g. TEMPLATE_INVALID); null while the owner decides. */
    @Column(name = "deactivated_reason_code")
    public String deactivatedReasonCode;

    @Column(name = "deactivated_reason")
    public String deactivatedReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
