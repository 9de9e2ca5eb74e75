package io.mailoo.offer.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer's answers, the offer computed from them and the status of both mails. */
@Entity
@Table(name = "offer_submission")
public class OfferSubmission extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "generator_id", nullable = false)
    public UUID generatorId;

    @Column(name = "customer_email", nullable = false)
    public String customerEmail;

    @Column(name = "customer_name")
    public String customerName;

    /** JSON object fieldId → value. */
    @Column(nullable = false)
    public String answers;

    /** JSON of {@link io.mailoo.offer.domain.Offer}. */
    @Column(nullable = false)
    public String offer;

    @Column(name = "delivery_message_id")
    public UUID deliveryMessageId;

    @Column(name = "delivery_status", nullable = false)
    public String deliveryStatus;

    @Column(name = "delivery_error_code")
    public String deliveryErrorCode;

    @Column(name = "internal_message_id")
    public UUID internalMessageId;

    @Column(name = "internal_status", nullable = false)
    public String internalStatus;

    @Column(name = "internal_error_code")
    public String internalErrorCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
