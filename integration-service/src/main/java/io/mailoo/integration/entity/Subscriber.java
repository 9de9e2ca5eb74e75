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

/** Someone who subscribed through a FORM, where they stand, and what became of their confirmation and welcome mail. */
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    /** When an unconfirmed subscriber is removed (double opt-in); null once confirmed or without double opt-in. */
    @Column(name = "confirm_by")
    public Instant confirmBy;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    /** A shared-contracts MailState of the double opt-in mail; null without double opt-in. */
    @Column(name = "confirmation_status")
    public String confirmationStatus;

    @Column(name = "confirmation_error_code")
    public String confirmationErrorCode;

    @Column(name = "confirmation_message_id")
    public UUID confirmationMessageId;

    /**
     * A shared-contracts MailState: NONE, QUEUED, DEFERRED, SENT, FAILED, NOT_CONFIGURED, SKIPPED_RATE_LIMITED or
     * SKIPPED_UNSUBSCRIBED. NONE while a double opt-in subscriber has not confirmed yet.
     */
    @Column(name = "welcome_status", nullable = false)
    public String welcomeStatus;

    @Column(name = "welcome_error_code")
    public String welcomeErrorCode;

    @Column(name = "welcome_message_id")
    public UUID welcomeMessageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
