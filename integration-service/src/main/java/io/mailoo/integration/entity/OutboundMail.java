package io.mailoo.integration.entity;

import java.time.Instant;
import java.util.UUID;

import io.mailoo.contracts.smtp.SmtpSettingsInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.smtp.StoredSmtpServer;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An integration's SMTP settings; the password is only ever stored sealed. */
@Entity
@Table(name = "outbound_mail")
public class OutboundMail extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(nullable = false)
    public String host;

    public int port;

    @Column(nullable = false)
    public String security;

    public String username;

    @Column(name = "password_key_id")
    public String passwordKeyId;

    @Column(name = "password_ciphertext")
    public String passwordCiphertext;

    @Column(name = "from_address", nullable = false)
    public String fromAddress;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "reply_to")
    public String replyTo;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When dispatch reported these settings suspended (PROFILE_SUSPENDED); null while sending works. */
    @Column(name = "suspended_at")
    public Instant suspendedAt;

    public boolean hasPassword() {
        return passwordCiphertext != null;
    }

    public SealedSecret sealedPassword() {
        return hasPassword() ? new SealedSecret(passwordKeyId, passwordCiphertext) : null;
    }

    public void sealedPassword(SealedSecret sealed) {
        passwordKeyId = sealed == null ? null : sealed.keyId();
        passwordCiphertext = sealed == null ? null : sealed.ciphertext();
    }

    /** The stored settings as a request would carry them, without any password (for comparisons only). */
    public SmtpSettingsInput asInputWithoutPassword() {
        return new SmtpSettingsInput(host, port, security, username, null, fromAddress, fromName, replyTo);
    }

    public StoredSmtpServer storedServer() {
        return new StoredSmtpServer(host, port, security, username, hasPassword());
    }

    @Override
    public String toString() {
        return "OutboundMail[integrationId=" + integrationId + ", host=" + host + ", port=" + port + "]";
    }
}
