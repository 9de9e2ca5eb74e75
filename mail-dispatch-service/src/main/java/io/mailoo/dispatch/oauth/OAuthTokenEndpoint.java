package io.mailoo.dispatch.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.oauth.OAuthGrantException.Reason;
import io.mailoo.support.oauth.OAuthProviderSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * Calls a provider's token endpoint with the refresh_token grant (RFC 6749 §6) as the platform's OAuth app
 * (client_secret_post). The endpoint is operator-configured, but its answer is treated as hostile: bounded in time
 * and size, the access token must be an RFC 6750 b64token (so it cannot break out of the SASL response or the SMTP
 * command line), the refresh token printable ASCII, the lifetime a sane number. Tokens and the client secret are
 * never logged; a failure names the HTTP status and the provider's {@code error} code (checked) only.
 */
@ApplicationScoped
public class OAuthTokenEndpoint {

    private static final Logger LOG = Logger.getLogger(OAuthTokenEndpoint.class);
    /** A token answer is a few KiB (Microsoft's access tokens are JWTs of 2–3 KiB). */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_LIFETIME = Duration.ofDays(1);

    private final Vertx vertx;
    private final OAuthProviderSettings providers;
    private final DispatchSettings settings;
    private final HttpClient client;

    public OAuthTokenEndpoint(Vertx vertx, OAuthProviderSettings providers, DispatchSettings settings) {
        this.vertx = vertx;
        this.providers = providers;
        this.settings = settings;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.oauthTokenTimeout().toMillis())
                .setTrustAll(false).setVerifyHost(true).setMaxRedirects(0)
                .setMaxPoolSize(8));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** A fresh access token for {@code refreshToken}; fails with an {@link OAuthGrantException}. */
    public Future<TokenAnswer> refresh(OAuth2Provider provider, String refreshToken) {
        OAuthProviderSettings.App app = provider == null ? null : providers.configured(provider).orElse(null);
        if (app == null) {
            // the operator removed the provider's app: nothing can refresh until it is configured again
            return Future.failedFuture(new OAuthGrantException(Reason.TOKEN_UNAVAILABLE,
                    "provider " + provider + " is not configured"));
        }
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken)
                + "&client_id=" + encode(app.clientId().orElse(""))
                + app.clientSecret().map(secret -> "&client_secret=" + encode(secret)).orElse("");
        long timeout = settings.oauthTokenTimeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(app.tokenUrl().orElseThrow()).setTimeout(timeout).setFollowRedirects(false)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Accept", "application/json");
        Promise<TokenAnswer> answer = Promise.promise();
        long deadline = vertx.setTimer(timeout, id -> answer.tryFail(
                new OAuthGrantException(Reason.TOKEN_UNAVAILABLE, "no answer within " + timeout + " ms")));
        client.request(options)
                .compose(request -> request.send(form))
                .onSuccess(response -> {
                    Buffer body = Buffer.buffer();
                    response.handler(chunk -> {
                        if (body.length() + chunk.length() > MAX_ANSWER_BYTES) {
                            answer.tryFail(new OAuthGrantException(Reason.TOKEN_UNAVAILABLE, "answer over "
                                    + MAX_ANSWER_BYTES + " bytes"));
                            response.request().reset();
                            return;
                        }
                        body.appendBuffer(chunk);
                    });
                    response.exceptionHandler(e -> answer.tryFail(
                            new OAuthGrantException(Reason.TOKEN_UNAVAILABLE, "answer broke off")));
                    response.endHandler(v -> {
                        try {
                            answer.tryComplete(read(provider, response.statusCode(), body));
                        } catch (OAuthGrantException e) {
                            answer.tryFail(e);
                        }
                    });
                })
                .onFailure(e -> answer.tryFail(new OAuthGrantException(Reason.TOKEN_UNAVAILABLE,
                        "token endpoint unreachable (" + e.getClass().getSimpleName() + ")")));
        return answer.future().andThen(ar -> vertx.cancelTimer(deadline));
    }

    /** Reads an answer; public for its unit test. */
    static TokenAnswer read(OAuth2Provider provider, int status, Buffer body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw unavailable(provider, status, "answer is not a JSON object");
        }
        if (status != 200) {
            Object error = json.getValue("error");
            String code = error instanceof String s && ERROR_CODE.matcher(s).matches() ? s : null;
            if ("invalid_grant".equals(code) && (status == 400 || status == 401)) {
                LOG.warnf("Token endpoint of %s refused a refresh token: invalid_grant", provider);
                throw new OAuthGrantException(Reason.RECONNECT_REQUIRED, "invalid_grant");
            }
            throw unavailable(provider, status, "error=" + (code == null ? "(none)" : code));
        }
        Object access = json.getValue("access_token");
        if (!(access instanceof String token) || token.length() > MAX_TOKEN_CHARS
                || !B64TOKEN.matcher(token).matches()) {
            throw unavailable(provider, status, "no usable access_token");
        }
        Object type = json.getValue("token_type");
        if (type != null && !(type instanceof String t && t.toLowerCase(Locale.ROOT).equals("bearer"))) {
            throw unavailable(provider, status, "token_type is not Bearer");
        }
        Object rotated = json.getValue("refresh_token");
        if (rotated != null && !(rotated instanceof String r && r.length() <= MAX_TOKEN_CHARS
                && PRINTABLE.matcher(r).matches())) {
            throw unavailable(provider, status, "refresh_token is not a token");
        }
        return new TokenAnswer(token, lifetime(json.getValue("expires_in")), (String) rotated);
    }

    private static Duration lifetime(Object value) {
        long seconds;
        if (value instanceof Number n) {
            seconds = n.longValue();
        } else if (value instanceof String s && s.matches("[0-9]{1,9}")) {
            seconds = Long.parseLong(s);
        } else {
            return DEFAULT_LIFETIME;
        }
        return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, MAX_LIFETIME.toSeconds()));
    }

    private static OAuthGrantException unavailable(OAuth2Provider provider, int status, String what) {
        LOG.warnf("Token endpoint of %s answered HTTP %d: %s", provider, status, what);
        return new OAuthGrantException(Reason.TOKEN_UNAVAILABLE, "HTTP " + status + ", " + what);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
