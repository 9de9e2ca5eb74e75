package io.mailoo.market.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An integration as integration-service last published it (mailoo.integrations.v1); deleted ones are removed. */
@Entity
@Table(name = "integration_view")
public class IntegrationView extends PanacheEntityBase {

    public static final String MARKET = "MARKET";

    @Id
    @Column(name = "integration_id")
    public String integrationId;

    @Column(name = "project_uid", nullable = false)
    public String projectUid;

    @Column(nullable = false)
    public String type;

    /** Shown to buyers in the confirmation ("Your order at …"). */
    public String name;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;

    public boolean isMarket() {
        return MARKET.equals(type);
    }
}
