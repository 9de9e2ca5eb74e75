package io.mailoo.support.smtpprofile;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.smtp.PasswordChange;
import io.mailoo.contracts.smtp.SmtpSettingsChanges;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.contracts.smtp.StoredSmtpServer;

/**
 * A tenant's SMTP profile as both domain services store it (embedded in integration-service's {@code outbound_mail}
 * and offer-generator-service's {@code offer_mail_settings}); the password is only ever stored sealed for this profile
 * and its server ({@link #secretBinding}). Offer renames the four server columns with {@code @AttributeOverride}.
 * <p>
 * The login is a password, an OAuth2 grant ({@code oauth2_*}: the refresh token the connect got, sealed with
 * {@link SecretBinding#oauth2Token} for this profile, its server, the provider, the account and the grant), or none;
 * never both. {@code provider} is the preset chosen in the panel, {@code max_connections} … the owner's own limits
 * (never above the preset's; see {@link SmtpProviderPresets}).
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

    /** The SMTP provider preset id (SmtpProviderPresets), or null. */
    @Column(name = "provider")
    public String provider;

    /** The owner's own limits (null: the preset's, else dispatch's default). */
    @Column(name = "max_connections")
    public Integer maxConnections;

    @Column(name = "messages_per_minute")
    public Integer messagesPerMinute;

    @Column(name = "recipients_per_day")
    public Integer recipientsPerDay;

    /** MICROSOFT, GOOGLE or GENERIC while an OAuth2 grant is the login; null otherwise. */
    @Column(name = "oauth2_provider")
    public String oauth2Provider;

    /** The mailbox of the grant (from the provider's ID token); also the SMTP username. */
    @Column(name = "oauth2_account")
    public String oauth2Account;

    /** A UUID made at each connect: dispatch keeps the grant's rotated tokens under it. */
    @Column(name = "oauth2_grant_id")
    public String oauth2GrantId;

    @Column(name = "oauth2_refresh_key_id")
    public String oauth2RefreshKeyId;

    @Column(name = "oauth2_refresh_ciphertext")
    public String oauth2RefreshCiphertext;

    /** The SecretBinding version the refresh token was sealed with; a lower one is re-sealed at startup. */
    @Column(name = "oauth2_binding_version", nullable = false)
    public int oauth2BindingVersion = SecretBinding.VERSION;

    @Column(name = "oauth2_connected_at")
    public Instant oauth2ConnectedAt;

    /** When dispatch reported the grant refused (OAUTH_RECONNECT_REQUIRED); cleared by the next connect. */
    @Column(name = "reconnect_required_at")
    public Instant reconnectRequiredAt;

    /**
     * True while an OAuth2 grant is the login. A stored password wins: an instance from before OAuth2 (a rolling
     * update) saves a password without knowing these columns, and that later save is the owner's choice; so never both.
     */
    public boolean hasOAuth2() {
        return oauth2RefreshCiphertext != null && oauth2GrantId != null && passwordCiphertext == null;
    }

    /** NONE, PASSWORD or OAUTH2: how the profile logs in. */
    public String login() {
        return hasOAuth2() ? LOGIN_OAUTH2 : hasPassword() ? LOGIN_PASSWORD : LOGIN_NONE;
    }

    public static final String LOGIN_NONE = "NONE";
    public static final String LOGIN_PASSWORD = SmtpProviderPreset.LOGIN_PASSWORD;
    public static final String LOGIN_OAUTH2 = SmtpProviderPreset.LOGIN_OAUTH2;

    /** The stored refresh token, still sealed; null without an OAuth2 login. */
    public SealedSecret sealedRefreshToken() {
        return hasOAuth2() ? new SealedSecret(oauth2RefreshKeyId, oauth2RefreshCiphertext) : null;
    }

    /** @param sealed sealed with {@link #oauth2Binding} of the profile as stored now */
    public void sealedRefreshToken(SealedSecret sealed) {
        oauth2RefreshKeyId = sealed.keyId();
        oauth2RefreshCiphertext = sealed.ciphertext();
        oauth2BindingVersion = SecretBinding.VERSION;
    }

    /** What the stored refresh token is sealed for: the profile, the server as stored, provider, account, grant. */
    public SecretBinding oauth2Binding(String profileRef) {
        return SecretBinding.oauth2Token(profileRef, host, port, security(), username, oauth2Provider(),
                oauth2Account, oauth2GrantId);
    }

    public OAuth2Provider oauth2Provider() {
        return oauth2Provider == null ? null : OAuth2Provider.valueOf(oauth2Provider);
    }

    private SmtpSecurity security() {
        return security == null ? null : SmtpSecurity.valueOf(security);
    }

    /** Forgets the OAuth2 login (its sealed token, account, grant); the owner connects again to get one. */
    public void forgetOAuth2() {
        oauth2Provider = null;
        oauth2Account = null;
        oauth2GrantId = null;
        oauth2RefreshKeyId = null;
        oauth2RefreshCiphertext = null;
        oauth2BindingVersion = SecretBinding.VERSION;
        oauth2ConnectedAt = null;
        reconnectRequiredAt = null;
    }

    /** The owner's own limits as stored (null when none is set). */
    public ProfileLimits ownLimits() {
        return maxConnections == null && messagesPerMinute == null && recipientsPerDay == null ? null
                : new ProfileLimits(maxConnections, messagesPerMinute, recipientsPerDay);
    }

    /** The limits dispatch applies: the owner's, else the preset's (null: dispatch's defaults). */
    public ProfileLimits effectiveLimits() {
        return SmtpProviderPresets.effective(provider, ownLimits());
    }

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
        return new SmtpSettingsInput(host, port, security, username, null, fromAddress, fromName, replyTo, provider,
                ownLimits());
    }

    /**
     * Takes checked settings ({@link SmtpSettingsCheck#check}): trimmed host, blank optional fields as null, the
     * password sealed for {@code profileRef} and the new server (NEW), kept (KEEP_STORED, the server is the same)
     * or removed (NONE). A stored OAuth2 login is kept only while no password came and the server is the same (the
     * stored-password rule); a password, JSON null, or another server forgets it. A save is a new profile version,
     * which lifts dispatch's suspension.
     */
    public void apply(SmtpSettingsInput in, PasswordChange change, SmtpSecretCipher cipher, String profileRef) {
        if (keepsOAuth2(in) != Boolean.TRUE) {
            forgetOAuth2();
        }
        host = in.host().strip();
        port = in.port();
        security = in.security();
        username = blankToNull(in.username());
        fromAddress = in.fromAddress();
        fromName = blankToNull(in.fromName());
        replyTo = blankToNull(in.replyTo());
        provider = in.provider();
        ProfileLimits own = in.limits();
        maxConnections = own == null ? null : own.maxConnections();
        messagesPerMinute = own == null ? null : own.messagesPerMinute();
        recipientsPerDay = own == null ? null : own.recipientsPerDay();
        updatedAt = Instant.now();
        suspendedAt = null;
        if (change == PasswordChange.NEW) {
            sealedPassword(cipher.seal(in.password().get(), secretBinding(profileRef)));
        } else if (change == PasswordChange.NONE) {
            sealedPassword(null);
        }
    }

    /**
     * Takes the settings given at the start of a connect ({@code in}, checked then, without password) with the grant
     * as the login: username = the grant's account, fromAddress = the account when the settings have none, the
     * refresh token sealed for this profile, its server and the new grant. A new grant lifts "reconnect required"
     * and dispatch's suspension.
     */
    public void connectOAuth2(SmtpSettingsInput in, OAuth2Provider provider, String account, String grantId,
            String refreshToken, SmtpSecretCipher cipher, String profileRef) {
        String from = in.fromAddress() == null || in.fromAddress().isBlank() ? account : in.fromAddress();
        apply(new SmtpSettingsInput(in.host(), in.port(), in.security(), account, java.util.Optional.empty(), from,
                in.fromName(), in.replyTo(), in.provider(), in.limits()), PasswordChange.NONE, cipher, profileRef);
        oauth2Provider = provider.name();
        oauth2Account = account;
        oauth2GrantId = grantId;
        oauth2ConnectedAt = updatedAt;
        reconnectRequiredAt = null;
        sealedRefreshToken(cipher.seal(refreshToken, oauth2Binding(profileRef)));
    }

    /** Disconnect: the grant is forgotten, the profile stays (login NONE); a new profile version. */
    public void disconnectOAuth2() {
        forgetOAuth2();
        updatedAt = Instant.now();
        suspendedAt = null;
    }

    /** The OAuth2 login as {@code mailoo.mail-profiles.v1} carries it (never an access token); null without one. */
    public OAuth2Login oauth2Login() {
        return hasOAuth2() ? new OAuth2Login(oauth2Provider(), oauth2Account, oauth2GrantId, sealedRefreshToken(),
                null) : null;
    }

    /** The profile as mail-dispatch-service reads it from {@code mailoo.mail-profiles.v1}; the password sealed. */
    public MailProfileChanged changedEvent(String profileRef, String projectUid, long version) {
        return new MailProfileChanged(profileRef, projectUid, version,
                new SmtpServer(host, port, SmtpSecurity.valueOf(security), username, sealedPassword(), oauth2Login()),
                new Sender(fromAddress, fromName), replyTo, effectiveLimits());
    }

    /** The names of the fields a request changes against {@code stored} (all it sets when nothing is stored). */
    public static List<String> changedFields(SmtpProfile stored, SmtpSettingsInput in, PasswordChange change) {
        List<String> fields = new java.util.ArrayList<>(SmtpSettingsChanges.between(
                stored == null ? null : stored.asInputWithoutPassword(), stored != null && stored.hasPassword(), in,
                change));
        if (stored != null && stored.keepsOAuth2(in) == Boolean.FALSE) {
            fields.add("oauth2");
        }
        return fields;
    }

    /** The names of the fields a connect changes: those of the settings as connected, and {@code oauth2}. */
    public static List<String> connectedFields(SmtpProfile stored, SmtpSettingsInput in, String account) {
        String from = in.fromAddress() == null || in.fromAddress().isBlank() ? account : in.fromAddress();
        List<String> fields = new java.util.ArrayList<>(SmtpSettingsChanges.between(
                stored == null ? null : stored.asInputWithoutPassword(), stored != null && stored.hasPassword(),
                new SmtpSettingsInput(in.host(), in.port(), in.security(), account, java.util.Optional.empty(), from,
                        in.fromName(), in.replyTo(), in.provider(), in.limits()), PasswordChange.NONE));
        fields.add("oauth2");
        return fields;
    }

    /**
     * Whether a save of {@code in} keeps the stored OAuth2 login: only without a password in the input and for the
     * same server (the stored-password rule). Null when there is none to keep.
     */
    public Boolean keepsOAuth2(SmtpSettingsInput in) {
        if (!hasOAuth2()) {
            return null;
        }
        return in.password() == null && host != null && in.host() != null
                && SmtpSettingsRules.sameServer(storedServer(), in);
    }

    /** The names of the fields a removal takes away: every one that had a value ({@code oauth2} for a grant). */
    public List<String> removedFields() {
        List<String> fields = new java.util.ArrayList<>(SmtpSettingsChanges.between(asInputWithoutPassword(),
                hasPassword(), new SmtpSettingsInput(null, null, null, null, null, null, null, null),
                PasswordChange.NONE));
        if (hasOAuth2()) {
            fields.add("oauth2");
        }
        return fields;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "SmtpProfile[host=" + host + ", port=" + port + ", security=" + security + "]";
    }
}
