package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the test token endpoint and points the platform's GENERIC OAuth app at it (client id and secret, URLs,
 * scope: what OAUTH_GENERIC_* set in production). The server is static so the test class can script it.
 */
public class OAuthTestResources implements QuarkusTestResourceLifecycleManager {

    public static volatile ScriptedTokenServer tokens;

    @Override
    public Map<String, String> start() {
        try {
            tokens = new ScriptedTokenServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens.genericAppEnvironment();
    }

    @Override
    public void stop() {
        if (tokens != null) {
            tokens.close();
        }
    }
}
