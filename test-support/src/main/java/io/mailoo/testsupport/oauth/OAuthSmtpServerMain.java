package io.mailoo.testsupport.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The dev stack's XOAUTH2-only SMTP server ({@code ./mailoo up}, deploy/local/oauth.sh), for the browser test's
 * "Connect, then Send test email": an {@link OAuthSmtpServer} trusting the dev OAuth2 server, plus a small HTTP API
 * on loopback to read what it accepted — {@code GET /api/messages?to=<address>} (JSON: account, sender, recipients,
 * data) and {@code GET /api/ready}. Run on the class path of test-oauth-server/target/lib (jose4j, Jackson) and
 * test-support/target/classes, never inside a service.
 *
 * <p>Arguments: issuer, JWKS URL, SMTP port, API port.
 */
public final class OAuthSmtpServerMain {

    private OAuthSmtpServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: OAuthSmtpServerMain ISSUER JWKS_URL SMTP_PORT API_PORT");
            System.exit(2);
        }
        OAuthSmtpServer smtp = new OAuthSmtpServer(args[0], args[1], Integer.parseInt(args[2]));
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[3])), 20);
        api.createContext("/api/ready", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        api.createContext("/api/messages", exchange -> {
            String to = OAuth2TestServer.query(exchange.getRequestURI().getRawQuery()).get("to");
            List<OAuthSmtpServer.Mail> mail = to == null ? smtp.mail() : smtp.to(to);
            respond(exchange, 200, Json.write(mail.stream().map(m -> Map.of("account", m.account(),
                    "sender", m.sender(), "recipients", m.recipients(), "data", m.data())).toList()));
        });
        api.start();
        System.out.println("XOAUTH2 SMTP server on 127.0.0.1:" + smtp.port() + " trusting " + args[0]
                + ", API on 127.0.0.1:" + args[3]);
        new CountDownLatch(1).await(); // until the process is stopped
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
