package io.mailoo.offer.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "offer_generator")
public class OfferGenerator extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "project_uid", nullable = false)
    public String projectUid;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String currency;

    @Column(name = "base_price_minor", nullable = false)
    public long basePriceMinor;

    @Column(name = "market_integration_id")
    public String marketIntegrationId;

    /** The validated wizard definition as JSON. */
    @Column(nullable = false)
    public String wizard;

    @Column(name = "mail_profile_version", nullable = false)
    public long mailProfileVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public String profileRef() {
        return io.mailoo.contracts.events.ProfileRef.offerGenerator(id.toString()).toString();
    }
}
