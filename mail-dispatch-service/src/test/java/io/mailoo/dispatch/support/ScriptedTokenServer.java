package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mailoo.testsupport.TestSecrets;

/**
 * A real OAuth2 token endpoint on loopback for dispatch's refresh_token grant (RFC 6749 §6), until the project's
 * OAuth2 test server (helper oauth-ui) is on main: it checks the client, issues random bearer access tokens with a
 * set lifetime, optionally rotates refresh tokens (the old one stops working), answers invalid_grant for a revoked
 * or rotated-away token, and can hold its answer (so two refreshes overlap) or fail. Every token it issues is
 * remembered for the suite's secret-leak check. {@link #accepts} is what the test SMTP server asks.
 */
public final class ScriptedTokenServer implements AutoCloseable {

    public static final String CLIENT_ID = "dispatch-test-client";
    public static final String CLIENT_SECRET = "client-secret-" + java.util.UUID.randomUUID();

    private record Access(String account, Instant expiresAt) {
    }

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshCalls = new AtomicInteger();
    private volatile long lifetimeSeconds = 3600;
    private volatile boolean rotate;
    private volatile long holdMillis;
    private volatile String answerOverride;
    private volatile int statusOverride;

    public ScriptedTokenServer() throws IOException {
        TestSecrets.remember(CLIENT_SECRET);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/token", this::token);
        server.start();
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /**
     * The platform's GENERIC OAuth app pointing here, as the OAUTH_GENERIC_* environment of a dispatcher (a
     * packaged one, or a Quarkus test's config, where application.properties' expressions read the same names).
     */
    public Map<String, String> genericAppEnvironment() {
        return Map.of("OAUTH_GENERIC_CLIENT_ID", CLIENT_ID, "OAUTH_GENERIC_CLIENT_SECRET", CLIENT_SECRET,
                "OAUTH_GENERIC_AUTHORIZATION_URL", tokenUrl().replace("/token", "/authorize"),
                "OAUTH_GENERIC_TOKEN_URL", tokenUrl(), "OAUTH_GENERIC_SCOPE", "openid email smtp");
    }

    /** A grant for {@code account} as a connect would give it: its first refresh token. */
    public String grant(String account) {
        String token = newToken("rt");
        refreshTokens.put(token, account);
        return token;
    }

    public void revoke(String account) {
        refreshTokens.values().removeIf(account::equals);
    }

    /** Every access token issued so far stops working (as after a password change at the provider). */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    public ScriptedTokenServer lifetimeSeconds(long seconds) {
        lifetimeSeconds = seconds;
        return this;
    }

    public ScriptedTokenServer rotate(boolean value) {
        rotate = value;
        return this;
    }

    public ScriptedTokenServer hold(long millis) {
        holdMillis = millis;
        return this;
    }

    /** Answers every request with this status and body (null: normal answers again). */
    public ScriptedTokenServer answer(int status, String body) {
        statusOverride = status;
        answerOverride = body;
        return this;
    }

    public int refreshCalls() {
        return refreshCalls.get();
    }

    /** True when {@code token} is a live access token of {@code account}. */
    public boolean accepts(String account, String token) {
        Access access = accessTokens.get(token);
        return access != null && access.account().equals(account) && access.expiresAt().isAfter(Instant.now());
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange.getRequestBody());
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":\"invalid_request\"}");
                return;
            }
            refreshCalls.incrementAndGet();
            if (holdMillis > 0) {
                Thread.sleep(holdMillis);
            }
            if (answerOverride != null) {
                send(exchange, statusOverride, answerOverride);
                return;
            }
            if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            if (!"refresh_token".equals(form.get("grant_type"))) {
                send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            String account;
            synchronized (this) {
                String presented = form.get("refresh_token");
                account = presented == null ? null : refreshTokens.get(presented);
                if (account == null) {
                    send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked\"}");
                    return;
                }
                String access = newToken("at");
                accessTokens.put(access, new Access(account, Instant.now().plusSeconds(lifetimeSeconds)));
                String rotated = null;
                if (rotate) {
                    refreshTokens.remove(presented);
                    rotated = newToken("rt");
                    refreshTokens.put(rotated, account);
                }
                send(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + lifetimeSeconds + (rotated == null ? "" : ",\"refresh_token\":\"" + rotated + "\"") + "}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String newToken(String prefix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return TestSecrets.remember(prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
