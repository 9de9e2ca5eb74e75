package io.mailoo.offer.entity;

import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.mailoo.support.smtpprofile.SmtpProfile;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** OfferGeneratorMailSettings: the generator's own SMTP profile, internal address and branding. */
@Entity
@Table(name = "offer_mail_settings")
public class OfferMailSettings extends PanacheEntityBase {

    @Id
    @Column(name = "generator_id")
    public UUID generatorId;

    /** The server columns of this table were named smtp_* before the profile was shared. */
    @Embedded
    @AttributeOverride(name = "host", column = @Column(name = "smtp_host", nullable = false))
    @AttributeOverride(name = "port", column = @Column(name = "smtp_port", nullable = false))
    @AttributeOverride(name = "security", column = @Column(name = "smtp_security", nullable = false))
    @AttributeOverride(name = "username", column = @Column(name = "smtp_username"))
    public SmtpProfile smtp = new SmtpProfile();

    @Column(name = "internal_notification_address")
    public String internalNotificationAddress;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "logo_url")
    public String logoUrl;

    @Column(name = "primary_color")
    public String primaryColor;

    @Column(name = "footer_text")
    public String footerText;

    @Override
    public String toString() {
        return "OfferMailSettings[generatorId=" + generatorId + ", " + smtp + "]";
    }
}
