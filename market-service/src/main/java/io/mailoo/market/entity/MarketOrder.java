package io.mailoo.market.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An order as the integrator placed it, with its lines priced at that moment (a JSON snapshot) and the status of
 * the buyer's confirmation mail.
 */
@Entity
@Table(name = "market_order")
public class MarketOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public String integrationId;

    @Column(name = "project_uid", nullable = false)
    public String projectUid;

    @Column(name = "api_key_id", nullable = false)
    public UUID apiKeyId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the normalised request body: the same Idempotency-Key with another body is refused. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "buyer_email", nullable = false)
    public String buyerEmail;

    @Column(name = "buyer_name")
    public String buyerName;

    public String note;

    @Column(nullable = false)
    public String currency;

    @Column(name = "total_minor", nullable = false)
    public long totalMinor;

    @Column(name = "lines", nullable = false)
    public String linesJson;

    @Column(name = "mail_message_id")
    public UUID mailMessageId;

    @Column(name = "mail_status", nullable = false)
    public String mailStatus;

    @Column(name = "mail_error_code")
    public String mailErrorCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
