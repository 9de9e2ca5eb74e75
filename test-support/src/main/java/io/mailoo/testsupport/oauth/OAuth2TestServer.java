package io.mailoo.testsupport.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mailoo.testsupport.ServiceProcess;
import io.mailoo.testsupport.TestSecrets;

/**
 * A real OAuth2 authorization server for tests: {@code no.nav.security:mock-oauth2-server} (module
 * test-oauth-server) as a process of its own on loopback, issuer id {@code mailoo}, behind {@link TokenEndpointProxy}
 * — this JVM's front door to it — which adds what the mock cannot do: refuse a revoked or rotated-away refresh token
 * with {@code invalid_grant}, issue short-lived access tokens on demand, and count token requests per grant type.
 * Every URL it hands out (and the tokens' {@code iss}) is the proxy's. Authorization code + PKCE (S256 checked by the
 * mock), refresh tokens rotated on every refresh (the old one then refused).
 *
 * <pre>
 * try (OAuth2TestServer oauth = OAuth2TestServer.start()) {
 *     env.putAll(oauth.providerEnvironment("GENERIC"));       // OAUTH_GENERIC_* for a service under test
 *     Redirect back = oauth.login(authorizationUrl, "owner@tenant.test"); // the login form, non-interactively
 *     oauth.revokeRefreshTokensOf("owner@tenant.test");       // next refresh: 400 invalid_grant
 * }
 * </pre>
 */
public final class OAuth2TestServer implements AutoCloseable {

    public static final String ISSUER_ID = "mailoo";
    public static final String CLIENT_ID = "mailoo-test-client";
    /** The scope the services are configured to ask for (the mock grants any). */
    public static final String SCOPE = "openid email offline_access smtp";

    private final Process process;
    private final Path log;
    private final TokenEndpointProxy proxy;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OAuth2TestServer(Process process, Path log, TokenEndpointProxy proxy, String clientSecret) {
        this.process = process;
        this.log = log;
        this.proxy = proxy;
        this.clientSecret = clientSecret;
    }

    /** Starts the server (access tokens live an hour unless {@link #accessTokenLifetime} says otherwise). */
    public static OAuth2TestServer start() {
        SigningKey key = SigningKey.generate();
        int port = ServiceProcess.freePort();
        Path log = Path.of("target", "oauth2-test-server-" + port + ".log").toAbsolutePath();
        Process process = launch(port, config(key, 3600), log);
        TokenEndpointProxy proxy = null;
        try {
            proxy = TokenEndpointProxy.start(port, key);
            OAuth2TestServer server = new OAuth2TestServer(process, log, proxy,
                    TestSecrets.remember("oauth-client-secret-" + UUID.randomUUID()));
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * The mock's configuration: interactive login (its login page is a form), rotated refresh tokens, Netty, and our
     * signing key (so that the proxy can re-sign short-lived access tokens with the key the JWKS publishes).
     */
    static String config(SigningKey key, long tokenExpirySeconds) {
        return "{\"interactiveLogin\":true,\"rotateRefreshToken\":true,\"httpServer\":\"NettyWrapper\","
                + "\"tokenProvider\":{\"keyProvider\":{\"algorithm\":\"RS256\",\"initialKeys\":"
                + Json.quote(key.privateJwkJson()) + "}},"
                + "\"tokenCallbacks\":[{\"issuerId\":\"" + ISSUER_ID + "\",\"tokenExpiry\":" + tokenExpirySeconds
                + ",\"requestMappings\":[]}]}";
    }

    private static Process launch(int port, String config, Path log) {
        Path lib = serverClassPath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-cp", lib.resolve("*").toString(), "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("JSON_CONFIG", config);
            builder.environment().put("LOG_LEVEL", "INFO");
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test OAuth2 server from " + lib, e);
        }
    }

    /** test-oauth-server/target/lib of this checkout (the reactor builds it before test-support). */
    static Path serverClassPath() {
        Path lib = ServiceProcess.repositoryRoot().resolve("test-oauth-server/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: ./mvnw package -pl test-oauth-server");
        }
        return lib;
    }

    private void awaitReady(Duration timeout) {
        if (ServiceProcess.awaitHttpOk(process, URI.create(jwksUrl()), timeout)) {
            return;
        }
        String why = process.isAlive() ? "was not ready within " + timeout : "exited with " + process.exitValue();
        close();
        throw new IllegalStateException("the test OAuth2 server " + why + "; see " + log);
    }

    /** {@code http://127.0.0.1:<port>/mailoo}: the tokens' {@code iss}. */
    public String issuer() {
        return proxy.baseUrl() + "/" + ISSUER_ID;
    }

    public String authorizationUrl() {
        return issuer() + "/authorize";
    }

    public String tokenUrl() {
        return issuer() + "/token";
    }

    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    public String clientId() {
        return CLIENT_ID;
    }

    /** Remembered with {@link TestSecrets}: a leak check looks for it. */
    public String clientSecret() {
        return clientSecret;
    }

    public Path log() {
        return log;
    }

    /**
     * The environment that makes a service offer {@code provider} (MICROSOFT, GOOGLE or GENERIC) with this server
     * behind it: {@code OAUTH_<provider>_{CLIENT_ID,CLIENT_SECRET,AUTHORIZATION_URL,TOKEN_URL,SCOPE}} (and
     * {@code OAUTH_GENERIC_NAME}). The redirect URI is the caller's ({@code OAUTH_REDIRECT_URI}).
     */
    public Map<String, String> providerEnvironment(String provider) {
        Map<String, String> env = new LinkedHashMap<>();
        String prefix = "OAUTH_" + provider + "_";
        env.put(prefix + "CLIENT_ID", CLIENT_ID);
        env.put(prefix + "CLIENT_SECRET", clientSecret);
        env.put(prefix + "AUTHORIZATION_URL", authorizationUrl());
        env.put(prefix + "TOKEN_URL", tokenUrl());
        env.put(prefix + "SCOPE", SCOPE);
        if ("GENERIC".equals(provider)) {
            env.put("OAUTH_GENERIC_NAME", "Mailoo Test OAuth");
        }
        return env;
    }

    /** Where the provider sent the browser back: the redirect URI with {@code code} and {@code state}, or an error. */
    public record Redirect(String location, String code, String state, String error) {
    }

    /**
     * Signs in at the authorization URL the way a person does on the login page (its form POST), as
     * {@code account} with an {@code email} claim of the same value, and returns where the server redirects to.
     */
    public Redirect login(String authorizationUrl, String account) {
        String form = "username=" + encode(account) + "&claims=" + encode("{\"email\":\"" + account + "\"}");
        HttpResponse<String> response = postForm(authorizationUrl, form);
        if (response.statusCode() != 302) {
            throw new IllegalStateException("login at " + authorizationUrl + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return redirect(response.headers().firstValue("Location").orElseThrow());
    }

    /** What a provider sends back when the person clicks "Cancel" / refuses consent: {@code error=access_denied}. */
    public Redirect deny(String authorizationUrl) {
        Map<String, String> query = query(URI.create(authorizationUrl).getRawQuery());
        String state = query.get("state");
        String location = query.get("redirect_uri") + "?error=access_denied"
                + (state == null ? "" : "&state=" + encode(state));
        return new Redirect(location, null, state, "access_denied");
    }

    static Redirect redirect(String location) {
        Map<String, String> query = query(URI.create(location).getRawQuery());
        return new Redirect(location, query.get("code"), query.get("state"), query.get("error"));
    }

    /**
     * From now on access tokens (and {@code expires_in}) live {@code lifetime}, e.g. a few seconds to make a client
     * refresh; null goes back to the server's hour.
     */
    public OAuth2TestServer accessTokenLifetime(Duration lifetime) {
        proxy.accessTokenLifetime(lifetime);
        return this;
    }

    /** Every refresh token issued so far for {@code account} (the email/sub of its ID token) is refused from now on. */
    public void revokeRefreshTokensOf(String account) {
        proxy.revokeAccount(account);
    }

    /** This refresh token is refused from now on. */
    public void revokeRefreshToken(String refreshToken) {
        proxy.revokeToken(refreshToken);
    }

    /** Every refresh token issued so far is refused from now on. */
    public void revokeAllRefreshTokens() {
        proxy.revokeAll();
    }

    /** Token requests received so far with this {@code grant_type} (refused ones included). */
    public int tokenRequests(String grantType) {
        return proxy.tokenRequests(grantType);
    }

    /** Token requests so far with {@code grant_type=refresh_token} that got a new access token. */
    public int successfulRefreshes() {
        return proxy.successfulRefreshes();
    }

    /** The newest live refresh token of {@code account}, or null (for tests that check what a client must hold). */
    public String currentRefreshToken(String account) {
        return proxy.currentRefreshToken(account);
    }

    /**
     * An access token this server's key signs, for {@code account} (as {@code sub} and {@code email}), valid for
     * {@code lifetime} (negative: already expired) — for an SMTP test without a whole login.
     */
    public String accessToken(String account, Duration lifetime) {
        return accessToken(issuer(), account, lifetime);
    }

    /** As {@link #accessToken(String, Duration)} with another {@code iss} (a token from the wrong issuer). */
    public String accessToken(String issuer, String account, Duration lifetime) {
        return proxy.mint(issuer, account, lifetime);
    }

    /** Exchanges an authorization code at the token endpoint the way a client does (PKCE verifier included). */
    public Map<String, Object> exchangeCode(String code, String codeVerifier, String redirectUri) {
        return token("grant_type=authorization_code&code=" + encode(code) + "&code_verifier=" + encode(codeVerifier)
                + "&redirect_uri=" + encode(redirectUri));
    }

    /** A refresh_token grant the way a client does it; the answer as JSON (an error too: {@code error}). */
    public Map<String, Object> refresh(String refreshToken) {
        return token("grant_type=refresh_token&refresh_token=" + encode(refreshToken));
    }

    private Map<String, Object> token(String form) {
        HttpResponse<String> response = postForm(tokenUrl(), form, "Authorization", "Basic " + java.util.Base64
                .getEncoder().encodeToString((CLIENT_ID + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> json = new HashMap<>(Json.parse(response.body()));
        json.put("httpStatus", response.statusCode());
        return json;
    }

    private HttpResponse<String> postForm(String url, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    @Override
    public void close() {
        proxy.close();
        ServiceProcess.stop(process);
    }
}
