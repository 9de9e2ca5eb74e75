package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A reply to an inbound message; {@code id} is the messageId of its mail request. */
@Entity
@Table(name = "reply")
public class Reply extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "inbound_message_id", nullable = false)
    public UUID inboundMessageId;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(name = "author_user_id", nullable = false)
    public String authorUserId;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String subject;

    @Column(name = "text_body")
    public String text;

    @Column(name = "html_body")
    public String html;

    /** A shared-contracts MailState: QUEUED, DEFERRED, SENT, FAILED or NOT_CONFIGURED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
