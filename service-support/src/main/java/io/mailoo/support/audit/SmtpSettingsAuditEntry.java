package io.mailoo.support.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One change to, or test of, a profile's SMTP settings: who, when, from where, which fields — never a value, so a
 * secret can never land here.
 */
@Entity
@Table(name = "smtp_settings_audit")
public class SmtpSettingsAuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "profile_ref", nullable = false)
    public String profileRef;

    @Column(nullable = false)
    public String action;

    @Column(name = "actor_user_id", nullable = false)
    public String actorUserId;

    @Column(name = "actor_email")
    public String actorEmail;

    /** Comma-separated field names, e.g. {@code host,port,password}. */
    @Column(name = "changed_fields", nullable = false)
    public String changedFields;

    /** For a test: SENT or the error code; null for a save. */
    public String outcome;

    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
