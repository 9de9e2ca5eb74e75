package io.mailoo.support.smtpprofile;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsChanges;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.StoredSmtpServer;

/**
 * A tenant's SMTP profile as both domain services store it (embedded in integration-service's {@code outbound_mail}
 * and offer-generator-service's {@code offer_mail_settings}); the password is only ever stored sealed for this profile
 * and its server ({@link #secretBinding}). Offer renames the four server columns with {@code @AttributeOverride}.
 */
@Embeddable
public class SmtpProfile {

    @Column(name = "host", nullable = false)
    public String host;

    @Column(name = "port", nullable = false)
    public int port;

    @Column(name = "security", nullable = false)
    public String security;

    @Column(name = "username")
    public String username;

    @Column(name = "password_key_id")
    public String passwordKeyId;

    @Column(name = "password_ciphertext")
    public String passwordCiphertext;

    /** The SecretBinding version the password was sealed with; 1 = legacy, re-sealed at startup. */
    @Column(name = "password_binding_version", nullable = false)
    public int passwordBindingVersion = SecretBinding.VERSION;

    @Column(name = "from_address", nullable = false)
    public String fromAddress;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "reply_to")
    public String replyTo;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When dispatch reported this profile suspended (PROFILE_SUSPENDED); null while sending works. */
    @Column(name = "suspended_at")
    public Instant suspendedAt;

    public boolean hasPassword() {
        return passwordCiphertext != null;
    }

    /** The stored password, still sealed; null when none is stored. */
    public SealedSecret sealedPassword() {
        return hasPassword() ? new SealedSecret(passwordKeyId, passwordCiphertext) : null;
    }

    /** @param sealed sealed with {@link #secretBinding} of the settings as stored now, or null for no password */
    public void sealedPassword(SealedSecret sealed) {
        passwordKeyId = sealed == null ? null : sealed.keyId();
        passwordCiphertext = sealed == null ? null : sealed.ciphertext();
        passwordBindingVersion = SecretBinding.VERSION;
    }

    /** What the stored password is sealed for: the profile ({@code integration:{id}}, …) and the server as stored. */
    public SecretBinding secretBinding(String profileRef) {
        return SecretBinding.smtpPassword(profileRef, host, port, security, username);
    }

    /** What the password rule compares a request with. */
    public StoredSmtpServer storedServer() {
        return new StoredSmtpServer(host, port, security, username, hasPassword());
    }

    /** The stored settings as a request would carry them, without any password (for comparisons only). */
    public SmtpSettingsInput asInputWithoutPassword() {
        return new SmtpSettingsInput(host, port, security, username, null, fromAddress, fromName, replyTo);
    }

    /**
     * Takes checked settings ({@link SmtpSettingsCheck#check}): trimmed host, blank optional fields as null, the
     * password sealed for {@code profileRef} and the new server (NEW), kept (KEEP_STORED, the server is the same)
     * or removed (NONE). A save is a new profile version, which lifts dispatch's suspension.
     */
    public void apply(SmtpSettingsInput in, PasswordChange change, SmtpSecretCipher cipher, String profileRef) {
        host = in.host().strip();
        port = in.port();
        security = in.security();
        username = blankToNull(in.username());
        fromAddress = in.fromAddress();
        fromName = blankToNull(in.fromName());
        replyTo = blankToNull(in.replyTo());
        updatedAt = Instant.now();
        suspendedAt = null;
        if (change == PasswordChange.NEW) {
            sealedPassword(cipher.seal(in.password().get(), secretBinding(profileRef)));
        } else if (change == PasswordChange.NONE) {
            sealedPassword(null);
        }
    }

    /** The profile as mail-dispatch-service reads it from {@code mailoo.mail-profiles.v1}; the password sealed. */
    public MailProfileChanged changedEvent(String profileRef, String projectUid, long version) {
        return new MailProfileChanged(profileRef, projectUid, version,
                new SmtpServer(host, port, SmtpSecurity.valueOf(security), username, sealedPassword()),
                new Sender(fromAddress, fromName), replyTo, null);
    }

    /** The names of the fields a request changes against {@code stored} (all it sets when nothing is stored). */
    public static List<String> changedFields(SmtpProfile stored, SmtpSettingsInput in, PasswordChange change) {
        return SmtpSettingsChanges.between(stored == null ? null : stored.asInputWithoutPassword(),
                stored != null && stored.hasPassword(), in, change);
    }

    /** The names of the fields a removal takes away: every one that had a value. */
    public List<String> removedFields() {
        return SmtpSettingsChanges.between(asInputWithoutPassword(), hasPassword(),
                new SmtpSettingsInput(null, null, null, null, null, null, null, null), PasswordChange.NONE);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "SmtpProfile[host=" + host + ", port=" + port + ", security=" + security + "]";
    }
}
