package io.mailoo.contracts.smtp;

import java.util.Optional;

import io.mailoo.contracts.events.ProfileLimits;

/**
 * SMTP settings as a dashboard user sends them (integration {@code outboundMail} and offer generator
 * {@code mailSettings.smtp}). {@code password} is tri-state: {@code null} = absent (keep the stored one, if the
 * server is unchanged), {@code Optional.empty()} = JSON null (remove it), a value = the new password.
 */
public record SmtpSettingsInput(
        String host,
        Integer port,
        String security,
        String username,
        Optional<String> password,
        String fromAddress,
        String fromName,
        String replyTo,
        String provider,
        ProfileLimits limits) {

    /** Settings without a provider preset or limits of their own. */
    public SmtpSettingsInput(String host, Integer port, String security, String username, Optional<String> password,
            String fromAddress, String fromName, String replyTo) {
        this(host, port, security, username, password, fromAddress, fromName, replyTo, null, null);
    }

    @Override
    public String toString() {
        return "SmtpSettingsInput[host=" + host + ", port=" + port + ", security=" + security + ", username="
                + username + ", password=" + (password == null ? "absent" : password.isEmpty() ? "null" : "<given>")
                + ", fromAddress=" + fromAddress + ", provider=" + provider + ", limits=" + limits + "]";
    }
}
