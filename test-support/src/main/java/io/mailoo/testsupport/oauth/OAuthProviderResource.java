package io.mailoo.testsupport.oauth;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A domain service under test with the platform's OAuth apps MICROSOFT and GENERIC pointed at a real
 * {@link OAuth2TestServer} (GOOGLE stays unconfigured, so "not configured" can be tested too). The server is
 * {@link #server()} for the test class that declares this resource ({@code restrictToAnnotatedClass = true}).
 */
public class OAuthProviderResource implements QuarkusTestResourceLifecycleManager {

    /** Where the tests say the dashboard's callback page is (the services only pass it on). */
    public static final String REDIRECT_URI = "http://127.0.0.1:8080/oauth/callback";

    private static volatile OAuth2TestServer server;

    /** The running server of the current test class. */
    public static OAuth2TestServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = OAuth2TestServer.start();
        Map<String, String> config = new HashMap<>();
        config.put("mailoo.oauth.redirect-uri", REDIRECT_URI);
        for (String provider : new String[] { "MICROSOFT", "GENERIC" }) {
            String prefix = "mailoo.oauth." + provider.toLowerCase() + ".";
            Map<String, String> env = server.providerEnvironment(provider);
            String from = "OAUTH_" + provider + "_";
            config.put(prefix + "client-id", env.get(from + "CLIENT_ID"));
            config.put(prefix + "client-secret", env.get(from + "CLIENT_SECRET"));
            config.put(prefix + "authorization-url", env.get(from + "AUTHORIZATION_URL"));
            config.put(prefix + "token-url", env.get(from + "TOKEN_URL"));
            config.put(prefix + "scope", env.get(from + "SCOPE"));
        }
        config.put("mailoo.oauth.generic.display-name", "Mailoo Test OAuth");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
