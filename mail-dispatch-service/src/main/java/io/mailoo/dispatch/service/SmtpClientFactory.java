package io.mailoo.dispatch.service;

import java.net.InetAddress;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.smtp.OAuthTokenSource;
import io.mailoo.dispatch.smtp.SmtpClient;
import io.mailoo.dispatch.smtp.SmtpTarget;
import io.vertx.core.Vertx;

/**
 * Creates a profile's own SMTP client: pooled keep-alive connections, at most {@code maxConnections} sockets,
 * TLS as the profile says with the certificate checked against the host name, and a fixed EHLO name.
 */
@ApplicationScoped
public class SmtpClientFactory {

    private final Vertx vertx;
    private final DispatchSettings settings;

    public SmtpClientFactory(Vertx vertx, DispatchSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /**
     * @param checkedAddress the address the host guard resolved and checked; connected to directly (also for TLS,
     *                       whose certificate must still match the host name) so DNS cannot change between check
     *                       and connect
     */
    public SmtpClient create(SmtpServer smtp, String password, InetAddress checkedAddress, int maxConnections) {
        return create(smtp, password, null, checkedAddress, maxConnections);
    }

    /** As above; with {@code oauth} set the connections log in with its access tokens (SASL XOAUTH2/OAUTHBEARER). */
    public SmtpClient create(SmtpServer smtp, String password, OAuthTokenSource oauth, InetAddress checkedAddress,
            int maxConnections) {
        boolean login = smtp.username() != null && !smtp.username().isBlank();
        SmtpTarget target = new SmtpTarget(smtp.host(), checkedAddress, smtp.port(), smtp.security(),
                login ? smtp.username() : null, login && oauth == null ? password : null, settings.ownHostname(),
                settings.connectTimeout().toMillis(), settings.sendTimeout().toMillis(),
                settings.socketIdleTimeout().toMillis(), settings.trustedCertificates().orElse(List.of()),
                settings.maxReplyLines(), settings.maxReplyBytes(), oauth);
        return new SmtpClient(vertx, target, maxConnections);
    }
}
