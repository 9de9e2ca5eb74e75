package io.mailoo.support.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An event written in the same transaction as the change it describes; the relay publishes it to Kafka.
 * {@code payload} null is a tombstone, with the version it removes in {@code removedVersion}.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(name = "ce_type")
    public String ceType;

    public byte[] payload;

    /** A tombstone's version, sent as the {@code mailoo-removed-version} header; null on every other event. */
    @Column(name = "removed_version")
    public Long removedVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
