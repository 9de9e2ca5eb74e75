package io.mailoo.contracts.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;

/**
 * Validation of SMTP settings and the rule that keeps a stored password with its server: an absent password means
 * "the stored one" only while host, port, security and username are unchanged (keycloak#39486 shows why).
 */
public final class SmtpSettingsRules {

    public static final String PASSWORD_REQUIRED = "SMTP_PASSWORD_REQUIRED";
    public static final String CLEARTEXT_LOGIN_REFUSED = "SMTP_CLEARTEXT_LOGIN_REFUSED";
    /** The variable both domain services and dispatch read; only dev and test profiles default it to true. */
    public static final String ALLOW_PRIVATE_HOSTS_VARIABLE = "MAIL_SMTP_ALLOW_PRIVATE_HOSTS";
    public static final Set<String> SECURITY_MODES = Set.of("STARTTLS", "SSL_TLS", "NONE");
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[?[0-9A-Fa-f:.]{2,45}]?");

    private SmtpSettingsRules() {
    }

    /**
     * Field errors of the settings themselves (not the password rule); empty when valid.
     *
     * @param allowPrivateHosts {@code MAIL_SMTP_ALLOW_PRIVATE_HOSTS}: only where it is true (dev, test) may a login
     *                          travel without TLS
     */
    public static List<FieldError> validate(SmtpSettingsInput in, boolean allowPrivateHosts) {
        List<FieldError> errors = validate(in);
        if (errors.stream().noneMatch(e -> e.field().equals("security"))
                && refusesCleartextLogin(in.security(), in.username(),
                        in.password() != null && in.password().isPresent(), allowPrivateHosts)) {
            errors.add(cleartextLoginRefused());
        }
        return errors;
    }

    /**
     * True when a login (username or password) would travel over a connection without TLS where that is not allowed.
     *
     * @param security STARTTLS, SSL_TLS or NONE (the enum's name)
     */
    public static boolean refusesCleartextLogin(String security, String username, boolean hasPassword,
            boolean allowPrivateHosts) {
        return !allowPrivateHosts && "NONE".equals(security)
                && (hasPassword || (username != null && !username.isBlank()));
    }

    /** The field error for {@link #refusesCleartextLogin}. */
    public static FieldError cleartextLoginRefused() {
        return new FieldError("security", CLEARTEXT_LOGIN_REFUSED, "A username or password would be sent without "
                + "encryption: choose STARTTLS or SSL_TLS, or remove the username and password.");
    }

    /** Field errors without the cleartext-login rule; callers with settings from users use the two-argument form. */
    private static List<FieldError> validate(SmtpSettingsInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.host() == null || in.host().isBlank()) {
            errors.add(new FieldError("host", "SMTP_HOST_REQUIRED", "Enter the SMTP server's host name."));
        } else if (HeaderValueValidator.hasControlCharacter(in.host()) || !HOST.matcher(in.host()).matches()) {
            errors.add(new FieldError("host", "SMTP_HOST_INVALID", "The host must be a host name or an IP address."));
        }
        if (in.port() == null || in.port() < 1 || in.port() > 65535) {
            errors.add(new FieldError("port", "SMTP_PORT_INVALID", "The port must be a number from 1 to 65535."));
        }
        if (in.security() == null || !SECURITY_MODES.contains(in.security())) {
            errors.add(new FieldError("security", "SMTP_SECURITY_INVALID",
                    "Security must be STARTTLS, SSL_TLS or NONE."));
        }
        if (in.username() != null && (in.username().length() > 254
                || HeaderValueValidator.hasControlCharacter(in.username()))) {
            errors.add(new FieldError("username", "SMTP_USERNAME_INVALID",
                    "The username must be at most 254 characters without line breaks."));
        }
        if (in.password() != null && in.password().isPresent()) {
            String password = in.password().get();
            if (password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH
                    || HeaderValueValidator.hasLineBreak(password)) {
                errors.add(new FieldError("password", "SMTP_PASSWORD_INVALID",
                        "The password must be 1 to 1024 characters without line breaks."));
            }
        }
        if (in.fromAddress() == null || in.fromAddress().isBlank()) {
            errors.add(new FieldError("fromAddress", "FROM_ADDRESS_REQUIRED", "Enter the sender address."));
        } else if (!MailAddressValidator.isValid(in.fromAddress())) {
            errors.add(new FieldError("fromAddress", "FROM_ADDRESS_INVALID",
                    "The sender address must be a plain address such as shop@example.com."));
        }
        if (in.fromName() != null && (in.fromName().length() > 100
                || HeaderValueValidator.hasControlCharacter(in.fromName()))) {
            errors.add(new FieldError("fromName", "FROM_NAME_INVALID",
                    "The sender name must be at most 100 characters without line breaks."));
        }
        if (in.replyTo() != null && !in.replyTo().isBlank() && !MailAddressValidator.isValid(in.replyTo())) {
            errors.add(new FieldError("replyTo", "REPLY_TO_INVALID",
                    "The reply-to address must be a plain address such as help@example.com."));
        }
        return errors;
    }

    /**
     * Decides what happens to the password; returns null when the server changed and no new password came
     * (answer {@link #passwordRequired()}, 422).
     *
     * @param stored what is saved now, or null when nothing is
     */
    public static PasswordChange passwordChange(StoredSmtpServer stored, SmtpSettingsInput in) {
        if (in.password() != null) {
            return in.password().isPresent() ? PasswordChange.NEW : PasswordChange.NONE;
        }
        if (stored == null || !stored.hasPassword()) {
            return PasswordChange.NONE;
        }
        return sameServer(stored, in) ? PasswordChange.KEEP_STORED : null;
    }

    /** True when host, port, security and username are those the password was saved for. */
    public static boolean sameServer(StoredSmtpServer stored, SmtpSettingsInput in) {
        return stored.host().equalsIgnoreCase(String.valueOf(in.host()))
                && Objects.equals(stored.port(), in.port())
                && Objects.equals(stored.security(), in.security())
                && Objects.equals(emptyToNull(stored.username()), emptyToNull(in.username()));
    }

    /** The field error for a server change that came without a password. */
    public static FieldError passwordRequired() {
        return new FieldError("password", PASSWORD_REQUIRED, "The server, port, security or username changed: enter "
                + "the password again. A stored password is only ever used with the server it was saved for.");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
