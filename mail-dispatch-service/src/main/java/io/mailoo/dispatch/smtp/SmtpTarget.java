package io.mailoo.dispatch.smtp;

import java.net.InetAddress;
import java.util.List;

import io.mailoo.contracts.events.SmtpSecurity;

/**
 * Where and how one profile's client connects: the host name (which a TLS certificate must match and which is sent
 * as SNI), the address the host guard resolved and checked (connected to directly, so DNS cannot change between check
 * and connect; null = resolve the host), the login, and the PEM files of the certificate authorities to trust instead
 * of the JVM's (empty = the JVM's), and the bounds of one server reply (lines, bytes) past which the connection is
 * closed. {@code replyTimeoutMillis} bounds each reply and each send as a whole. With {@code oauth} set the login is
 * SASL XOAUTH2 or OAUTHBEARER with the source's access token (and {@code password} is null).
 */
public record SmtpTarget(String host, InetAddress checkedAddress, int port, SmtpSecurity security, String username,
        String password, String ownHostname, long connectTimeoutMillis, long replyTimeoutMillis,
        long maxIdleMillis, List<String> trustedCertificates, int maxReplyLines, int maxReplyBytes,
        OAuthTokenSource oauth) {

    public boolean login() {
        return oauth != null || (username != null && !username.isBlank());
    }

    public boolean tls() {
        return security != SmtpSecurity.NONE;
    }

    /** Never prints the password: targets end up in debug output and exception messages. */
    @Override
    public String toString() {
        return "SmtpTarget[" + host + ":" + port + " " + security + (oauth != null ? " oauth2" : login() ? " login" : "") + "]";
    }
}
