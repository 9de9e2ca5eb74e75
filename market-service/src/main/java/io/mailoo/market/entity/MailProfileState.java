package io.mailoo.market.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Whether an integration's mail profile exists and at which version (mailoo.mail-profiles.v1). Deliberately no SMTP
 * settings and no secret: market-service only decides QUEUED or NOT_CONFIGURED and names the version it saw.
 */
@Entity
@Table(name = "mail_profile_state")
public class MailProfileState extends PanacheEntityBase {

    @Id
    @Column(name = "profile_ref")
    public String profileRef;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public boolean configured;
}
