package io.mailoo.support.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The authorization code exchange (RFC 6749 §4.1.3 with the PKCE code_verifier) against a provider's token endpoint,
 * bounded so a hostile or broken endpoint can neither hang a request nor fill the memory: a connect timeout, one
 * deadline for the whole exchange (the request is reset when it passes), and a cap on the answer's size. The code,
 * the verifier, the client secret and the tokens are never logged and never part of an exception's message: a
 * failure says only what went wrong ({@link ExchangeFailed#reason()}), e.g. the provider's {@code error} code.
 */
public class OAuthTokenClient {

    private static final Logger LOG = Logger.getLogger(OAuthTokenClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The provider's {@code error} is repeated to the owner only when it is such a plain word. */
    private static final Pattern ERROR_WORD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A token answer is a few KiB; anything much larger is refused. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Duration deadline;
    private final int maxAnswerBytes;

    public OAuthTokenClient(Vertx vertx, Duration deadline, int maxAnswerBytes) {
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(deadline.toMillis(), Integer.MAX_VALUE))
                .setMaxPoolSize(8).setKeepAlive(false));
        this.deadline = deadline;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** What the token endpoint gave: the refresh token and the ID token (never printed). */
    public record Tokens(String refreshToken, String idToken) {
        @Override
        public String toString() {
            return "Tokens[<hidden>]";
        }
    }

    /** The exchange did not give a usable answer; {@code reason} is safe to show and log (no secret in it). */
    public static class ExchangeFailed extends RuntimeException {
        private final String reason;

        public ExchangeFailed(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Exchanges {@code code} for tokens; fails with {@link ExchangeFailed} when the endpoint refuses, answers
     * something that is not a token answer with a refresh token, is too large or too slow.
     */
    public Uni<Tokens> exchange(String tokenUrl, String clientId, String clientSecret, String redirectUri, String code,
            String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        if (clientSecret != null && !clientSecret.isEmpty()) {
            form.put("client_secret", clientSecret);
        }
        form.put("code_verifier", codeVerifier);
        return post(tokenUrl, form).map(OAuthTokenClient::tokens);
    }

    private Uni<Answer> post(String url, Map<String, String> form) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setIdleTimeout(deadline.toMillis())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .putHeader(HttpHeaders.ACCEPT, "application/json");
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new ExchangeFailed("the token URL is not a valid URL"));
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return Uni.createFrom().<Answer>emitter(emitter -> http.request(options).onComplete(opened -> {
            if (opened.failed()) {
                emitter.fail(new ExchangeFailed("no connection to the token endpoint"));
                return;
            }
            HttpClientRequest request = opened.result();
            sent.set(request);
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    emitter.fail(new ExchangeFailed("the token endpoint did not answer"));
                    return;
                }
                var response = answered.result();
                Buffer received = Buffer.buffer();
                Promise<Buffer> whole = Promise.promise();
                response.handler(chunk -> {
                    if (received.length() + chunk.length() > maxAnswerBytes) {
                        // failed first: the reset makes the response report itself broken off
                        whole.tryFail(new ExchangeFailed("the token endpoint's answer is larger than "
                                + maxAnswerBytes + " bytes"));
                        request.reset();
                    } else if (!whole.future().isComplete()) {
                        received.appendBuffer(chunk);
                    }
                });
                response.exceptionHandler(e -> whole.tryFail(new ExchangeFailed("the token endpoint's answer broke off")));
                response.endHandler(v -> whole.tryComplete(received));
                whole.future().onComplete(done -> {
                    if (done.succeeded()) {
                        emitter.complete(new Answer(response.statusCode(), done.result()));
                    } else {
                        emitter.fail(done.cause());
                    }
                });
            });
        }))
                .ifNoItem().after(deadline).failWith(() -> new ExchangeFailed("the token endpoint did not answer within "
                        + deadline.toSeconds() + " s"))
                .onFailure().invoke(() -> {
                    HttpClientRequest request = sent.get();
                    if (request != null) {
                        request.reset();
                    }
                });
    }

    private record Answer(int status, Buffer body) {
    }

    private static Tokens tokens(Answer answer) {
        JsonNode json;
        try {
            json = JSON.readTree(answer.body().getBytes());
        } catch (Exception e) {
            json = null;
        }
        if (answer.status() != 200) {
            String error = json != null && json.path("error").isTextual() ? json.path("error").textValue() : null;
            String named = error != null && ERROR_WORD.matcher(error).matches() ? " (" + error + ")" : "";
            LOG.infof("The token endpoint refused an authorization code: HTTP %d%s", answer.status(), named);
            throw new ExchangeFailed("the provider refused the authorization code" + named);
        }
        if (json == null || !json.isObject()) {
            throw new ExchangeFailed("the token endpoint's answer is not a JSON object");
        }
        String refresh = text(json, "refresh_token");
        if (refresh == null) {
            throw new ExchangeFailed("the provider gave no refresh token (offline access was not granted)");
        }
        if (refresh.length() > 8192) {
            throw new ExchangeFailed("the provider's refresh token is longer than 8192 characters");
        }
        return new Tokens(refresh, text(json, "id_token"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public void close() {
        http.close();
    }
}
