package io.mailoo.integration.entity;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.support.smtpprofile.SmtpProfile;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An integration's outboundMail: its SMTP profile (the password only ever stored sealed). */
@Entity
@Table(name = "outbound_mail")
public class OutboundMail extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Embedded
    public SmtpProfile smtp = new SmtpProfile();

    /** {@code integration:{id}}: what the password is sealed for and the key of the profile's events. */
    public String profileRef() {
        return ProfileRef.integration(integrationId.toString()).toString();
    }

    @Override
    public String toString() {
        return "OutboundMail[integrationId=" + integrationId + ", " + smtp + "]";
    }
}
