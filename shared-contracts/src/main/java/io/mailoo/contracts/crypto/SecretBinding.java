package io.mailoo.contracts.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;

/**
 * What a sealed secret is bound to, as AES-GCM associated data: the sealing context (the profileRef, or
 * {@code test:{messageId}} for an SMTP test) and the server identity it was saved for (host lower-cased, port,
 * security, username). A ciphertext moved to another profile or put beside another server does not open.
 * <p>
 * Canonical form ({@link #associatedData()}): the tag {@code mailoo-secret-binding}, the version, then every
 * component as name and value, each prefixed by its UTF-8 length as 4 big-endian bytes; so no two different
 * bindings have the same bytes. New kinds of secret (an OAuth2 refresh token: provider and account) add components
 * with {@link #with(String, String)}; the component list is part of the bytes, so adding one changes them.
 */
public final class SecretBinding {

    /** Version of the canonical form; 1 was the profileRef alone (opened only by the re-seal step). */
    public static final int VERSION = 2;
    private static final String TAG = "mailoo-secret-binding";

    private record Component(String name, String value) {
    }

    private final List<Component> components;

    private SecretBinding(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /**
     * The binding of an SMTP password.
     *
     * @param context the profileRef, or {@code test:{messageId}} for the inline profile of an SMTP test
     */
    public static SecretBinding smtpPassword(String context, String host, int port, SmtpSecurity security,
            String username) {
        List<Component> parts = new ArrayList<>();
        parts.add(new Component("kind", "smtp-password"));
        parts.add(new Component("context", Objects.requireNonNull(context, "context")));
        parts.add(new Component("host", host == null ? "" : host.strip().toLowerCase(Locale.ROOT)));
        parts.add(new Component("port", Integer.toString(port)));
        parts.add(new Component("security", security == null ? "" : security.name()));
        // empty and absent usernames are the same login (as SmtpSettingsRules.sameServer treats them)
        parts.add(new Component("username", username == null ? "" : username));
        return new SecretBinding(parts);
    }

    /** The binding of the password of {@code smtp}, as the event carries it. */
    public static SecretBinding smtpPassword(String context, SmtpServer smtp) {
        return smtpPassword(context, smtp.host(), smtp.port(), smtp.security(), smtp.username());
    }

    /** As {@link #smtpPassword(String, String, int, SmtpSecurity, String)} with security as stored (its name). */
    public static SecretBinding smtpPassword(String context, String host, int port, String security,
            String username) {
        return smtpPassword(context, host, port, security == null ? null : SmtpSecurity.valueOf(security), username);
    }

    /**
     * The binding of an OAuth2 refresh (or, for a test, access) token: the server as for a password, then the
     * provider, the account and the grant, so a token moved to another profile, server, account or grant does not
     * open.
     *
     * @param context the profileRef, or {@code test:{messageId}} for the inline profile of an SMTP test
     */
    public static SecretBinding oauth2Token(String context, String host, int port, SmtpSecurity security,
            String username, OAuth2Provider provider, String account, String grantId) {
        SecretBinding server = smtpPassword(context, host, port, security, username);
        List<Component> parts = new ArrayList<>(server.components);
        parts.set(0, new Component("kind", "oauth2-token"));
        parts.add(new Component("provider", provider == null ? "" : provider.name()));
        parts.add(new Component("account", account == null ? "" : account));
        parts.add(new Component("grant", Objects.requireNonNull(grantId, "grantId")));
        return new SecretBinding(parts);
    }

    /** The binding of the OAuth2 tokens of {@code smtp} as the event carries them. */
    public static SecretBinding oauth2Token(String context, SmtpServer smtp) {
        OAuth2Login login = Objects.requireNonNull(smtp.oauth2(), "oauth2");
        return oauth2Token(context, smtp.host(), smtp.port(), smtp.security(), smtp.username(), login.provider(),
                login.account(), login.grantId());
    }

    /** This binding with one more component (e.g. an OAuth2 provider or account). */
    public SecretBinding with(String name, String value) {
        List<Component> parts = new ArrayList<>(components);
        parts.add(new Component(Objects.requireNonNull(name, "name"), value == null ? "" : value));
        return new SecretBinding(parts);
    }

    /** The canonical bytes given to AES-GCM as associated data. */
    public byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeField(out, TAG);
        writeField(out, Integer.toString(VERSION));
        for (Component c : components) {
            writeField(out, c.name());
            writeField(out, c.value());
        }
        return out.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretBinding other && components.equals(other.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    /** Names the context and server only; a binding holds no secret, but logs need no more than this. */
    @Override
    public String toString() {
        return "SecretBinding[v" + VERSION + " " + components + "]";
    }
}
