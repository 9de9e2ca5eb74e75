package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A public form submission the owner may reply to. */
@Entity
@Table(name = "inbound_message")
public class InboundMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(nullable = false)
    public String email;

    public String name;

    public String message;

    /** Extra form fields as JSON text. */
    public String fields;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
