package io.mailoo.testsupport.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuth2TestServerTest {

    static final String REDIRECT = "http://127.0.0.1:9/oauth/callback";
    static OAuth2TestServer oauth;

    @BeforeAll
    static void start() {
        oauth = OAuth2TestServer.start();
    }

    @AfterAll
    static void stop() {
        oauth.close();
    }

    /** What a client does before sending the browser to the provider: state, PKCE verifier and S256 challenge. */
    record Flow(String state, String verifier, String authorizationUrl) {
        static Flow begin(OAuth2TestServer oauth) throws Exception {
            String state = UUID.randomUUID().toString();
            String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String url = oauth.authorizationUrl() + "?response_type=code&client_id=" + oauth.clientId()
                    + "&redirect_uri=" + OAuth2TestServer.encode(REDIRECT)
                    + "&scope=" + OAuth2TestServer.encode(OAuth2TestServer.SCOPE) + "&state=" + state
                    + "&code_challenge=" + challenge + "&code_challenge_method=S256";
            return new Flow(state, verifier, url);
        }
    }

    static Map<String, Object> connect(String account) throws Exception {
        return connectAt(oauth, account);
    }

    /** A whole connect: login at the authorization URL, then the code exchanged with its verifier. */
    static Map<String, Object> connectAt(OAuth2TestServer oauth, String account) throws Exception {
        Flow flow = Flow.begin(oauth);
        OAuth2TestServer.Redirect back = oauth.login(flow.authorizationUrl(), account);
        assertEquals(flow.state(), back.state());
        Map<String, Object> tokens = oauth.exchangeCode(back.code(), flow.verifier(), REDIRECT);
        assertEquals(200, tokens.get("httpStatus"), tokens.toString());
        return tokens;
    }

    @Test
    void theAuthorizationUrlShowsALoginFormAndTheLoginRedirectsBackWithCodeAndState() throws Exception {
        Flow flow = Flow.begin(oauth);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(flow.authorizationUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form") && page.body().contains("name=\"username\""), page.body());

        OAuth2TestServer.Redirect back = oauth.login(flow.authorizationUrl(), "alice@tenant.test");
        assertTrue(back.location().startsWith(REDIRECT + "?"), back.location());
        assertNotNull(back.code());
        assertEquals(flow.state(), back.state());
        assertNull(back.error());
    }

    @Test
    void aCodeExchangedWithItsPkceVerifierGivesTokensOfThisIssuerForTheAccount() throws Exception {
        Map<String, Object> tokens = connect("bob@tenant.test");
        Map<String, Object> id = SigningKey.claimsOf((String) tokens.get("id_token"));
        assertEquals(oauth.issuer(), id.get("iss"));
        assertEquals("bob@tenant.test", id.get("email"));
        assertEquals("bob@tenant.test", id.get("sub"));
        assertNotNull(tokens.get("refresh_token"));
        assertNull(new JwksTokenVerifier(oauth.issuer(), oauth.jwksUrl())
                .refusal("bob@tenant.test", (String) tokens.get("access_token")));
        assertEquals(oauth.issuer() + "/token", oauth.tokenUrl());
    }

    @Test
    void aWrongPkceVerifierOrAReusedCodeIsRefused() throws Exception {
        Flow flow = Flow.begin(oauth);
        OAuth2TestServer.Redirect back = oauth.login(flow.authorizationUrl(), "carol@tenant.test");
        Map<String, Object> wrong = oauth.exchangeCode(back.code(), "not-the-verifier-" + UUID.randomUUID(), REDIRECT);
        assertEquals(400, wrong.get("httpStatus"), wrong.toString());

        Flow second = Flow.begin(oauth);
        OAuth2TestServer.Redirect again = oauth.login(second.authorizationUrl(), "carol@tenant.test");
        assertEquals(200, oauth.exchangeCode(again.code(), second.verifier(), REDIRECT).get("httpStatus"));
        Map<String, Object> reused = oauth.exchangeCode(again.code(), second.verifier(), REDIRECT);
        assertEquals(400, reused.get("httpStatus"));
        assertEquals("invalid_grant", reused.get("error"));
        assertEquals("invalid_grant", oauth.exchangeCode("made-up", second.verifier(), REDIRECT).get("error"));
    }

    @Test
    void aRefreshRotatesTheRefreshTokenAndTheOldOneIsThenInvalidGrant() throws Exception {
        int codesBefore = oauth.tokenRequests("authorization_code");
        int refreshesBefore = oauth.tokenRequests("refresh_token");
        int successfulBefore = oauth.successfulRefreshes();
        String first = (String) connect("dave@tenant.test").get("refresh_token");
        assertEquals(first, oauth.currentRefreshToken("dave@tenant.test"));

        Map<String, Object> refreshed = oauth.refresh(first);
        assertEquals(200, refreshed.get("httpStatus"), refreshed.toString());
        String second = (String) refreshed.get("refresh_token");
        assertNotEquals(first, second);
        assertEquals(second, oauth.currentRefreshToken("dave@tenant.test"));
        assertEquals("dave@tenant.test", SigningKey.claimsOf((String) refreshed.get("access_token")).get("email"));

        Map<String, Object> reused = oauth.refresh(first);
        assertEquals(400, reused.get("httpStatus"));
        assertEquals("invalid_grant", reused.get("error"));
        assertEquals(200, oauth.refresh(second).get("httpStatus"));

        assertEquals(codesBefore + 1, oauth.tokenRequests("authorization_code"));
        assertEquals(refreshesBefore + 3, oauth.tokenRequests("refresh_token"));
        assertEquals(successfulBefore + 2, oauth.successfulRefreshes());
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() {
        Map<String, Object> answer = oauth.refresh("never-issued-" + UUID.randomUUID());
        assertEquals(400, answer.get("httpStatus"));
        assertEquals("invalid_grant", answer.get("error"));
    }

    @Test
    void revokingAnAccountRefusesItsRefreshTokensUntilItConnectsAgain() throws Exception {
        String token = (String) connect("erin@tenant.test").get("refresh_token");
        String other = (String) connect("frank@tenant.test").get("refresh_token");
        oauth.revokeRefreshTokensOf("ERIN@tenant.test");

        assertEquals("invalid_grant", oauth.refresh(token).get("error"));
        assertNull(oauth.currentRefreshToken("erin@tenant.test"));
        assertEquals(200, oauth.refresh(other).get("httpStatus"));

        String reconnected = (String) connect("erin@tenant.test").get("refresh_token");
        assertEquals(200, oauth.refresh(reconnected).get("httpStatus"));
    }

    @Test
    void aSingleRefreshTokenCanBeRevoked() throws Exception {
        String token = (String) connect("gina@tenant.test").get("refresh_token");
        oauth.revokeRefreshToken(token);
        assertEquals("invalid_grant", oauth.refresh(token).get("error"));
    }

    @Test
    void ofTwoClientsRefreshingTheSameTokenAtOnceOneGetsInvalidGrant() throws Exception {
        String token = (String) connect("hank@tenant.test").get("refresh_token");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Map<String, Object>>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return oauth.refresh(token);
            }));
        }
        go.countDown();
        List<Object> statuses = both.stream().map(f -> f.join().get("httpStatus")).sorted(
                java.util.Comparator.comparing(Object::toString)).toList();
        assertEquals(List.of(200, 400), statuses);
    }

    @Test
    void shortLivedAccessTokensOnDemand() throws Exception {
        String token = (String) connect("ivy@tenant.test").get("refresh_token");
        try {
            oauth.accessTokenLifetime(Duration.ofSeconds(20));
            Map<String, Object> refreshed = oauth.refresh(token);
            assertEquals(20, ((Number) refreshed.get("expires_in")).intValue());
            String access = (String) refreshed.get("access_token");
            long exp = ((Number) SigningKey.claimsOf(access).get("exp")).longValue();
            long left = exp - Instant.now().getEpochSecond();
            assertTrue(left > 10 && left <= 20, "expires in " + left + " s");
            assertNull(new JwksTokenVerifier(oauth.issuer(), oauth.jwksUrl()).refusal("ivy@tenant.test", access));
        } finally {
            oauth.accessTokenLifetime(null);
        }
        Map<String, Object> normal = oauth.refresh(oauth.currentRefreshToken("ivy@tenant.test"));
        assertTrue(((Number) normal.get("expires_in")).intValue() > 3000, normal.toString());
    }

    @Test
    void aDeniedConsentRedirectsWithAccessDeniedAndTheState() throws Exception {
        Flow flow = Flow.begin(oauth);
        OAuth2TestServer.Redirect denied = oauth.deny(flow.authorizationUrl());
        assertEquals("access_denied", denied.error());
        assertEquals(flow.state(), denied.state());
        assertTrue(denied.location().startsWith(REDIRECT + "?error=access_denied"), denied.location());
    }

    @Test
    void theProviderEnvironmentPointsAServiceAtThisServer() {
        Map<String, String> env = oauth.providerEnvironment("GENERIC");
        assertEquals(oauth.authorizationUrl(), env.get("OAUTH_GENERIC_AUTHORIZATION_URL"));
        assertEquals(oauth.tokenUrl(), env.get("OAUTH_GENERIC_TOKEN_URL"));
        assertEquals(oauth.clientSecret(), env.get("OAUTH_GENERIC_CLIENT_SECRET"));
        assertNotNull(env.get("OAUTH_GENERIC_NAME"));
        assertEquals(oauth.tokenUrl(), oauth.providerEnvironment("MICROSOFT").get("OAUTH_MICROSOFT_TOKEN_URL"));
    }
}
