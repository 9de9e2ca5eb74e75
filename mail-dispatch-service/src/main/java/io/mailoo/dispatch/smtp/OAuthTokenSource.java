package io.mailoo.dispatch.smtp;

import java.util.concurrent.CompletionStage;

/**
 * Where an OAuth2 profile's connections get the access token they log in with (SASL XOAUTH2 / OAUTHBEARER). The
 * session asks once per login, and once more with the token the server refused: the source then refreshes, unless
 * the token it holds already differs from the refused one (another send, or another replica, refreshed meanwhile).
 * A source that cannot give a token fails the stage with its own exception (not an SmtpFailure), which the send
 * passes on unchanged so the lane can tell "the grant is gone" from an SMTP failure.
 */
public interface OAuthTokenSource {

    /** The account the grant belongs to: the SASL user name. */
    String account();

    /**
     * A usable access token.
     *
     * @param refused the token the server just refused, or null for the first login of a connection
     */
    CompletionStage<String> accessToken(String refused);
}
