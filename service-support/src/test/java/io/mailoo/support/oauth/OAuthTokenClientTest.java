package io.mailoo.support.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

/**
 * The code exchange against a scripted token endpoint (a real HTTP server on 127.0.0.1): the happy answer, a refusal,
 * and hostile answers — huge, not JSON, no refresh token, never finished — each failing fast with a reason that
 * carries none of the secrets sent.
 */
class OAuthTokenClientTest {

    static final String CODE = "auth-code-5d1f";
    static final String VERIFIER = "verifier-aa91";
    static final String SECRET = "client-secret-77e2";
    static final String REFRESH = "refresh-token-c0ffee";

    static Vertx vertx;
    static HttpServer server;
    static int port;
    static final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.put(request.path(), body.toString());
            var response = request.response().putHeader("content-type", "application/json");
            switch (request.path()) {
                case "/ok" -> response.end("{\"access_token\":\"at\",\"refresh_token\":\"" + REFRESH
                        + "\",\"id_token\":\"h.e30.s\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                case "/refuse" -> response.setStatusCode(400).end("{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"code " + CODE + " was already used\"}");
                case "/huge" -> {
                    response.setChunked(true);
                    Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
                    for (int i = 0; i < 256; i++) {
                        response.write(chunk);
                    }
                    response.end();
                }
                case "/not-json" -> response.end("<html>" + CODE + "</html>");
                case "/no-refresh" -> response.end("{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
                case "/slow" -> response.setChunked(true).write("{\"access_token\":"); // and never ends
                default -> response.setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static OAuthTokenClient client(Duration deadline) {
        return new OAuthTokenClient(vertx, deadline, OAuthTokenClient.MAX_ANSWER_BYTES);
    }

    private static OAuthTokenClient.Tokens exchange(String path, Duration deadline) {
        return client(deadline).exchange("http://127.0.0.1:" + port + path, "client-1", SECRET,
                "http://127.0.0.1:8080/oauth/callback", CODE, VERIFIER).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void theCodeIsExchangedWithTheVerifierTheSecretAndTheRedirectUri() {
        OAuthTokenClient.Tokens tokens = exchange("/ok", Duration.ofSeconds(5));
        assertEquals(REFRESH, tokens.refreshToken());
        assertEquals("h.e30.s", tokens.idToken());
        assertFalse(tokens.toString().contains(REFRESH));
        String form = received.get("/ok");
        for (String part : new String[] { "grant_type=authorization_code", "code=" + CODE,
                "code_verifier=" + VERIFIER, "client_secret=" + SECRET, "client_id=client-1",
                "redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth%2Fcallback" }) {
            assertTrue(form.contains(part), form);
        }
    }

    @Test
    void aRefusalNamesTheProvidersErrorCodeButRepeatsNoDescription() {
        var failure = failure("/refuse", Duration.ofSeconds(5));
        assertTrue(failure.reason().contains("invalid_grant"), failure.reason());
    }

    @Test
    void hostileAnswersFailFastWithoutLeaking() {
        assertReason("larger than", failure("/huge", Duration.ofSeconds(5)));
        assertReason("not a JSON object", failure("/not-json", Duration.ofSeconds(5)));
        assertReason("no refresh token", failure("/no-refresh", Duration.ofSeconds(5)));
        long started = System.nanoTime();
        assertReason("did not answer", failure("/slow", Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "bounded by the deadline");
        assertReason("refused", failure("/unknown-path", Duration.ofSeconds(1)));
        OAuthTokenClient.ExchangeFailed unreachable = assertInstanceOf(OAuthTokenClient.ExchangeFailed.class,
                assertThrows(RuntimeException.class, () -> client(Duration.ofSeconds(2)).exchange(
                        "http://127.0.0.1:1/token", "c", SECRET, "http://r", CODE, VERIFIER)
                        .await().atMost(Duration.ofSeconds(10))));
        assertTrue(unreachable.reason().contains("no connection"));
    }

    private static void assertReason(String expected, OAuthTokenClient.ExchangeFailed failed) {
        assertTrue(failed.reason().contains(expected), failed.reason());
    }

    private static OAuthTokenClient.ExchangeFailed failure(String path, Duration deadline) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> exchange(path, deadline));
        OAuthTokenClient.ExchangeFailed failed = assertInstanceOf(OAuthTokenClient.ExchangeFailed.class, e);
        for (String secret : new String[] { CODE, VERIFIER, SECRET, REFRESH }) {
            assertFalse(failed.getMessage().contains(secret), failed.getMessage());
        }
        return failed;
    }
}
