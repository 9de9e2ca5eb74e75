package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Someone who subscribed through a FORM, with what became of their welcome mail. */
@Entity
@Table(name = "subscriber")
public class Subscriber extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(nullable = false)
    public String email;

    public String name;

    public String fields;

    /** A shared-contracts MailState: NONE, QUEUED, DEFERRED, SENT, FAILED, NOT_CONFIGURED or SKIPPED_RATE_LIMITED. */
    @Column(name = "welcome_status", nullable = false)
    public String welcomeStatus;

    @Column(name = "welcome_error_code")
    public String welcomeErrorCode;

    @Column(name = "welcome_message_id")
    public UUID welcomeMessageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
