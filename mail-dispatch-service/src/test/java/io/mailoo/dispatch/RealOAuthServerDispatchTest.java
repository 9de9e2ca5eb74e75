package io.mailoo.dispatch;

import static io.mailoo.dispatch.support.Profiles.newRef;
import static io.mailoo.dispatch.support.Profiles.oauthProfile;
import static io.mailoo.dispatch.support.Profiles.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.dispatch.support.DispatchTestResources;
import io.mailoo.dispatch.support.ResultsTopic;
import io.mailoo.testsupport.oauth.OAuth2TestServer;
import io.mailoo.testsupport.oauth.OAuthSmtpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The project's test OAuth2 server (mock-oauth2-server in its own process: authorization code with PKCE, rotating
 * refresh tokens, revocation → invalid_grant) and its SMTP server, which takes only XOAUTH2/OAUTHBEARER logins with
 * a token that verifies against the server's JWKS: a grant connected as a person does, sent with, refreshed and
 * rotated by dispatch, then revoked.
 */
@QuarkusTest
@QuarkusTestResource(value = DispatchTestResources.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RealOAuthServerDispatchTest.Server.class, restrictToAnnotatedClass = true)
class RealOAuthServerDispatchTest {

    static final String REDIRECT = "http://127.0.0.1:9/oauth/callback";
    static ResultsTopic results;

    /** Starts the OAuth2 test server and points the GENERIC app at it. */
    public static class Server implements QuarkusTestResourceLifecycleManager {
        static volatile OAuth2TestServer oauth;

        @Override
        public Map<String, String> start() {
            oauth = OAuth2TestServer.start();
            return oauth.providerEnvironment("GENERIC");
        }

        @Override
        public void stop() {
            if (oauth != null) {
                oauth.close();
            }
        }
    }

    @BeforeAll
    static void start() {
        results = new ResultsTopic();
    }

    @AfterAll
    static void stop() throws Exception {
        results.close();
    }

    /** A connect as integration-service makes it: login page, code, PKCE verifier; the refresh token it got. */
    private static String connect(OAuth2TestServer oauth, String account) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = UUID.randomUUID().toString();
        String url = oauth.authorizationUrl() + "?response_type=code&client_id=" + oauth.clientId()
                + "&redirect_uri=" + encode(REDIRECT)
                + "&scope=" + encode(OAuth2TestServer.SCOPE) + "&state=" + state
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        OAuth2TestServer.Redirect back = oauth.login(url, account);
        Map<String, Object> tokens = oauth.exchangeCode(back.code(), verifier, REDIRECT);
        assertEquals(200, tokens.get("httpStatus"), String.valueOf(tokens.get("error")));
        return (String) tokens.get("refresh_token");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static MailDispatchResult send(String ref, long version, boolean awaitFinal) {
        SendMailRequested mail = request(ref, version, MailPurpose.WELCOME, "reader@customer.test", "Hello " + version);
        results.kafka().send(Topics.MAIL_REQUESTS, ref, mail);
        return awaitFinal ? results.awaitFinal(mail.messageId()) : results.awaitFirst(mail.messageId());
    }

    @Test
    void connectedGrantSendsIsRefreshedAndRotatedAndARevokedOneWaitsForAReconnect() throws Exception {
        OAuth2TestServer oauth = Server.oauth;
        try (OAuthSmtpServer smtp = new OAuthSmtpServer(oauth)) {
            String account = "owner-" + UUID.randomUUID() + "@tenant.test";
            String ref = newRef();
            String grantId = UUID.randomUUID().toString();
            String connected = connect(oauth, account);
            ProfileLimits limits = new ProfileLimits(2, 6000);

            // access tokens of 30 s (less than the 5-minute margin): every new login refreshes, with the rotated token
            oauth.accessTokenLifetime(Duration.ofSeconds(30));
            int refreshes = oauth.successfulRefreshes();
            results.kafka().send(Topics.MAIL_PROFILES, ref,
                    oauthProfile(ref, 1, smtp.port(), account, grantId, connected, limits));
            assertEquals(MailStatus.SENT, send(ref, 1, true).status());
            assertEquals(1, smtp.mail().size());
            assertEquals(refreshes + 1, oauth.successfulRefreshes());

            // a new version, a new connection: its login refreshes again (the connect's refresh token rotated away)
            results.kafka().send(Topics.MAIL_PROFILES, ref,
                    oauthProfile(ref, 2, smtp.port(), account, grantId, connected, limits));
            assertEquals(MailStatus.SENT, send(ref, 2, true).status());
            assertEquals(refreshes + 2, oauth.successfulRefreshes());
            assertTrue(smtp.refusals().isEmpty(), smtp.refusals().toString());

            // revoked at the provider: reconnect required, nothing sent
            oauth.revokeRefreshTokensOf(account);
            results.kafka().send(Topics.MAIL_PROFILES, ref,
                    oauthProfile(ref, 3, smtp.port(), account, grantId, connected, limits));
            MailDispatchResult waiting = send(ref, 3, false);
            assertEquals(MailStatus.DEFERRED, waiting.status());
            assertEquals("OAUTH_RECONNECT_REQUIRED", waiting.errorCode());
            assertEquals(2, smtp.mail().size());
        } finally {
            oauth.accessTokenLifetime(null);
        }
    }
}
