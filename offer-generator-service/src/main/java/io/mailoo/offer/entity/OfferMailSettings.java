package io.mailoo.offer.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.smtp.StoredSmtpServer;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** OfferGeneratorMailSettings: the generator's own SMTP profile, internal address and branding. */
@Entity
@Table(name = "offer_mail_settings")
public class OfferMailSettings extends PanacheEntityBase {

    @Id
    @Column(name = "generator_id")
    public UUID generatorId;

    @Column(name = "smtp_host", nullable = false)
    public String host;

    @Column(name = "smtp_port", nullable = false)
    public int port;

    @Column(name = "smtp_security", nullable = false)
    public String security;

    @Column(name = "smtp_username")
    public String username;

    @Column(name = "password_key_id")
    public String passwordKeyId;

    /** Sealed with {@link #secretBinding}; never leaves the service except in the profile event. */
    @Column(name = "password_ciphertext")
    public String passwordCiphertext;

    /** The SecretBinding version the password was sealed with; 1 = legacy, re-sealed by LegacySecretReseal. */
    @Column(name = "password_binding_version", nullable = false)
    public int passwordBindingVersion = SecretBinding.VERSION;

    @Column(name = "from_address", nullable = false)
    public String fromAddress;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "reply_to")
    public String replyTo;

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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When dispatch reported these settings suspended (PROFILE_SUSPENDED); null while sending works. */
    @Column(name = "suspended_at")
    public Instant suspendedAt;

    public SealedSecret password() {
        return passwordCiphertext == null ? null : new SealedSecret(passwordKeyId, passwordCiphertext);
    }

    /** @param sealed the kept password, or one sealed with {@link #secretBinding} of the new settings, or null */
    public void password(SealedSecret sealed) {
        boolean kept = sealed != null && sealed.ciphertext().equals(passwordCiphertext);
        passwordKeyId = sealed == null ? null : sealed.keyId();
        passwordCiphertext = sealed == null ? null : sealed.ciphertext();
        if (!kept) {
            passwordBindingVersion = SecretBinding.VERSION;
        }
    }

    /** What the stored password is sealed for: the profile and the server as stored now. */
    public SecretBinding secretBinding(String profileRef) {
        return SecretBinding.smtpPassword(profileRef, host, port, security, username);
    }

    public StoredSmtpServer storedServer() {
        return new StoredSmtpServer(host, port, security, username, passwordCiphertext != null);
    }

    @Override
    public String toString() {
        return "OfferMailSettings[generatorId=" + generatorId + ", host=" + host + ", port=" + port + "]";
    }
}
