package io.mailoo.testsupport.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mailoo.testsupport.TestSecrets;

/**
 * The test OAuth2 server's front door, in the test JVM: passes every request on to the mock process (telling it,
 * with {@code X-Forwarded-Port}, that its URLs are this proxy's) and looks at the token endpoint on the way. The mock
 * answers any refresh token, even one it rotated away or never issued (with a made-up subject); here a refresh token
 * is honoured only while it is live — issued by the server, not yet used for a refresh (rotation), not revoked — and
 * refused otherwise with {@code 400 invalid_grant}, the way a real provider does; so is an authorization code used
 * twice. Every code and token it sees issued is remembered with {@link TestSecrets} for the suites' leak checks. A refresh claims its token before
 * it is passed on, so of two clients refreshing the same token at once one gets {@code invalid_grant}.
 */
final class TokenEndpointProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService executor;
    private final int upstreamPort;
    private final SigningKey key;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> requestsByGrant = new ConcurrentHashMap<>();
    private final AtomicInteger successfulRefreshes = new AtomicInteger();
    /** Live refresh tokens (insertion order: newest last) and the account each was issued for. */
    private final Map<String, String> live = new LinkedHashMap<>();
    /** Authorization codes the login page issued and no token request has used yet (a code is single use). */
    private final Set<String> unusedCodes = ConcurrentHashMap.newKeySet();
    private volatile Duration accessTokenLifetime;

    private TokenEndpointProxy(HttpServer server, ExecutorService executor, int upstreamPort, SigningKey key) {
        this.server = server;
        this.executor = executor;
        this.upstreamPort = upstreamPort;
        this.key = key;
    }

    static TokenEndpointProxy start(int upstreamPort, SigningKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "oauth2-test-proxy");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            TokenEndpointProxy proxy = new TokenEndpointProxy(server, executor, upstreamPort, key);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the test OAuth2 server's port", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    synchronized void revokeAccount(String account) {
        live.values().removeIf(owner -> owner.equalsIgnoreCase(account));
    }

    synchronized void revokeToken(String refreshToken) {
        live.remove(refreshToken);
    }

    synchronized void revokeAll() {
        live.clear();
    }

    synchronized String currentRefreshToken(String account) {
        String newest = null;
        for (Map.Entry<String, String> e : live.entrySet()) {
            if (e.getValue().equalsIgnoreCase(account)) {
                newest = e.getKey();
            }
        }
        return newest;
    }

    int tokenRequests(String grantType) {
        AtomicInteger n = requestsByGrant.get(grantType);
        return n == null ? 0 : n.get();
    }

    int successfulRefreshes() {
        return successfulRefreshes.get();
    }

    String mint(String issuer, String account, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", account);
        claims.put("email", account);
        claims.put("aud", OAuth2TestServer.CLIENT_ID);
        claims.put("jti", UUID.randomUUID().toString());
        return TestSecrets.remember(key.sign(SigningKey.living(claims, lifetime)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            if ("POST".equals(exchange.getRequestMethod())
                    && path.equals("/" + OAuth2TestServer.ISSUER_ID + "/token")) {
                token(exchange, body);
            } else {
                HttpResponse<byte[]> response = forward(exchange, body);
                if (response.statusCode() == 302) {
                    response.headers().firstValue("Location").map(OAuth2TestServer::redirect)
                            .map(OAuth2TestServer.Redirect::code).map(TestSecrets::remember)
                            .ifPresent(unusedCodes::add);
                }
                respond(exchange, response.statusCode(), response.headers().map(), response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        Map<String, String> form = OAuth2TestServer.query(new String(body, StandardCharsets.UTF_8));
        String grant = form.getOrDefault("grant_type", "");
        requestsByGrant.computeIfAbsent(grant, g -> new AtomicInteger()).incrementAndGet();
        boolean refresh = "refresh_token".equals(grant);
        String presented = form.get("refresh_token");
        String presentedOwner = null;
        // the mock answers a used or made-up code too (with a made-up subject): a real provider refuses it
        if ("authorization_code".equals(grant) && !unusedCodes.remove(form.getOrDefault("code", ""))) {
            respondJson(exchange, 400, Map.of("error", "invalid_grant",
                    "error_description", "the authorization code is unknown, expired or already used"));
            return;
        }
        if (refresh) {
            synchronized (this) {
                presentedOwner = presented == null ? null : live.remove(presented);
            }
            if (presentedOwner == null) {
                respondJson(exchange, 400, Map.of("error", "invalid_grant",
                        "error_description", "the refresh token was revoked, expired or already used"));
                return;
            }
        }
        HttpResponse<byte[]> response = forward(exchange, body);
        if (response.statusCode() != 200) {
            if (refresh) {
                synchronized (this) {
                    live.put(presented, presentedOwner); // not used up by a refresh that failed for another reason
                }
            }
            respond(exchange, response.statusCode(), response.headers().map(), response.body());
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>(Json.parse(new String(response.body(), StandardCharsets.UTF_8)));
        Duration lifetime = accessTokenLifetime;
        if (lifetime != null && json.get("access_token") instanceof String access) {
            json.put("access_token", key.sign(SigningKey.living(SigningKey.claimsOf(access), lifetime)));
            json.put("expires_in", lifetime.toSeconds());
        }
        rememberSecrets(json);
        Object issued = json.get("refresh_token");
        if (issued instanceof String newToken) {
            String account = presentedOwner != null ? presentedOwner : accountOf(json);
            synchronized (this) {
                live.put(newToken, account);
            }
        }
        if (refresh) {
            successfulRefreshes.incrementAndGet();
        }
        respondJson(exchange, 200, json);
    }

    /** Every token issued goes to {@link TestSecrets}, so a suite's leak check looks for it in logs and responses. */
    private static void rememberSecrets(Map<String, Object> tokenResponse) {
        for (String field : List.of("access_token", "refresh_token")) {
            if (tokenResponse.get(field) instanceof String token) {
                TestSecrets.remember(token);
            }
        }
    }

    /** The account an ID token names: email, else preferred_username, else sub (the contract's order). */
    private static String accountOf(Map<String, Object> tokenResponse) {
        Object idToken = tokenResponse.get("id_token");
        Map<String, Object> claims = SigningKey.claimsOf(String.valueOf(
                idToken != null ? idToken : tokenResponse.get("access_token")));
        for (String claim : List.of("email", "preferred_username", "upn", "sub")) {
            if (claims.get(claim) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return "";
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI target = URI.create("http://127.0.0.1:" + upstreamPort + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_HEADERS.contains(lower) && !lower.startsWith("x-forwarded-")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        // the mock builds its issuer and endpoint URLs from these: ours
        request.header("X-Forwarded-Proto", "http");
        request.header("X-Forwarded-Port", Integer.toString(server.getAddress().getPort()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void respond(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        Set<String> seen = new HashSet<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_HEADERS.contains(lower) && !lower.startsWith(":") && seen.add(lower)) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void respondJson(HttpExchange exchange, int status, Map<String, Object> json) throws IOException {
        respond(exchange, status, Map.of("Content-Type", List.of("application/json;charset=UTF-8"),
                "Cache-Control", List.of("no-store")), Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
