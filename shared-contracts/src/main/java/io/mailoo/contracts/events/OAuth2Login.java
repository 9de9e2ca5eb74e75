package io.mailoo.contracts.events;

import io.mailoo.contracts.crypto.SealedSecret;

/**
 * An SMTP profile's OAuth2 login (SASL XOAUTH2 / OAUTHBEARER) instead of a password.
 * <p>
 * {@code grantId} names one connection (one consent of one account); a reconnect makes a new one. The refresh token is
 * sealed with {@link io.mailoo.contracts.crypto.SecretBinding#oauth2RefreshToken} for this profile, its server, the
 * provider, the account and the grant. mail-dispatch-service keeps the newest (rotated) refresh token of each grant
 * in its own store, so for a grant it already holds, the token in a later event of the same grant is not newer than
 * its own: dispatch only takes the event's token for a grant it does not know yet.
 * <p>
 * {@code accessToken} is only ever set in the inline profile of an {@code SMTP_TEST} request (sealed for
 * {@code test:{messageId}}), never in {@code mailoo.mail-profiles.v1}.
 *
 * @param account the mailbox the grant belongs to (the SASL user name), from the provider's ID token
 */
public record OAuth2Login(
        OAuth2Provider provider,
        String account,
        String grantId,
        SealedSecret refreshToken,
        SealedSecret accessToken) {

    @Override
    public String toString() {
        return "OAuth2Login[provider=" + provider + ", account=" + account + ", grantId=" + grantId
                + ", refreshToken=" + (refreshToken == null ? "none" : "<sealed>")
                + ", accessToken=" + (accessToken == null ? "none" : "<sealed>") + "]";
    }
}
