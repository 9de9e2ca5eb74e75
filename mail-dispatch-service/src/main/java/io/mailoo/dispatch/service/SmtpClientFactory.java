package io.mailoo.dispatch.service;

import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Creates a profile's own Vert.x MailClient: pooled keep-alive connections, at most {@code maxConnections} sockets,
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
     * @param checkedAddress the address the host guard resolved and checked; connected to directly for plain
     *                       connections so DNS cannot change between check and connect. TLS connections use the
     *                       host name, whose certificate must match it.
     */
    public MailClient create(SmtpServer smtp, String password, InetAddress checkedAddress, int maxConnections) {
        boolean tls = smtp.security() != SmtpSecurity.NONE;
        String connectHost = !tls && checkedAddress != null ? checkedAddress.getHostAddress() : smtp.host();
        MailConfig config = new MailConfig()
                .setHostname(connectHost)
                .setPort(smtp.port())
                .setSsl(smtp.security() == SmtpSecurity.SSL_TLS)
                .setStarttls(smtp.security() == SmtpSecurity.STARTTLS ? StartTLSOptions.REQUIRED
                        : StartTLSOptions.DISABLED)
                .setMaxPoolSize(Math.max(1, maxConnections))
                .setKeepAlive(true)
                .setOwnHostname(settings.ownHostname())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setIdleTimeout((int) settings.socketIdleTimeout().toMillis())
                .setTrustAll(false);
        if (tls) {
            config.setHostnameVerificationAlgorithm("HTTPS");
        }
        if (smtp.username() != null && !smtp.username().isBlank()) {
            config.setLogin(LoginOption.REQUIRED).setUsername(smtp.username()).setPassword(password);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return MailClient.create(vertx, config);
    }
}
