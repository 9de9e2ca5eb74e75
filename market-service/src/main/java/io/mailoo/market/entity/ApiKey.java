package io.mailoo.market.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An integrator API key: only the SHA-256 of the key is stored, and the prefix that tells keys apart. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public String integrationId;

    public String name;

    @Column(nullable = false)
    public String prefix;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Written only by {@code ApiKeyUsage}'s batched UPDATE, never by Hibernate (a revoke must not overwrite it). */
    @Column(name = "last_used_at", updatable = false)
    public Instant lastUsedAt;

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
