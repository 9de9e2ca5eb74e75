package io.mailoo.support.smtpprofile;

import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.ProfileLimits;

/**
 * One SMTP provider the panel offers: where it listens, how a profile logs in, and its published sending limits
 * (null parts: the provider publishes none, dispatch's defaults apply). Host and port are null where the owner enters
 * them (the operator's GENERIC_OAUTH2 server, CUSTOM). docs/oauth2-routes.md names the source of every figure.
 *
 * @param oauthProvider the OAuth2 app a Connect button uses; null for a password login
 */
public record SmtpProviderPreset(String id, String name, String host, Integer port, String security,
        OAuth2Provider oauthProvider, ProfileLimits limits) {

    public static final String LOGIN_PASSWORD = "PASSWORD";
    public static final String LOGIN_OAUTH2 = "OAUTH2";

    public String login() {
        return oauthProvider == null ? LOGIN_PASSWORD : LOGIN_OAUTH2;
    }
}
