package io.mailoo.support.oauth;

import java.util.Optional;

import io.mailoo.contracts.events.OAuth2Provider;
import io.smallrye.config.ConfigMapping;

/**
 * The platform's OAuth apps, one per provider (docs/oauth2.md): integration-service and offer-generator-service use
 * them for the authorization code flow, mail-dispatch-service for refreshing access tokens. A provider whose client id
 * is not set is not offered. Every value comes from an {@code OAUTH_*} environment variable (application.properties).
 */
@ConfigMapping(prefix = "mailoo.oauth")
public interface OAuthProviderSettings {

    /**
     * Where the provider sends the browser back: the dashboard's {@code /oauth/callback} page behind the gateway.
     * Optional only because market-service, which has no SMTP profiles, does not set it.
     */
    Optional<String> redirectUri();

    App microsoft();

    App google();

    App generic();

    /** The app of {@code provider}; UNKNOWN has none. */
    default Optional<App> app(OAuth2Provider provider) {
        return switch (provider) {
            case MICROSOFT -> Optional.of(microsoft());
            case GOOGLE -> Optional.of(google());
            case GENERIC -> Optional.of(generic());
            case UNKNOWN -> Optional.empty();
        };
    }

    /** The app of {@code provider} when it is configured (has a client id and both URLs). */
    default Optional<App> configured(OAuth2Provider provider) {
        return app(provider).filter(App::isConfigured);
    }

    /** One registered OAuth client at one authorization server. */
    interface App {

        Optional<String> clientId();

        /** Never logged, never returned; sent only to {@link #tokenUrl()}. */
        Optional<String> clientSecret();

        Optional<String> authorizationUrl();

        Optional<String> tokenUrl();

        /** Space-separated scopes asked for (includes openid/email so the ID token names the mailbox). */
        Optional<String> scope();

        /** The name the dashboard shows on the Connect button (GENERIC only; the others have fixed names). */
        Optional<String> displayName();

        default boolean isConfigured() {
            return clientId().isPresent() && authorizationUrl().isPresent() && tokenUrl().isPresent()
                    && scope().isPresent();
        }
    }
}
