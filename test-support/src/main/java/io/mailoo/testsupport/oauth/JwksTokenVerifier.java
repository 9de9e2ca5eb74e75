package io.mailoo.testsupport.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks an OAuth2 access token the way a provider's SMTP server does: signed by a key of the issuer's JWKS
 * (fetched on each check, so a rotated key is seen), from that issuer, not expired (no clock skew), and issued to
 * the user the SASL exchange names (its {@code email} or {@code sub}, any case).
 */
final class JwksTokenVerifier {

    private final String issuer;
    private final URI jwks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JwksTokenVerifier(String issuer, String jwksUrl) {
        this.issuer = issuer;
        this.jwks = URI.create(jwksUrl);
    }

    /** Null when the token is good for {@code user}, else why not (for the test's record, never the token). */
    String refusal(String user, String token) {
        JwtClaims claims;
        try {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(0)
                    .setExpectedIssuer(issuer)
                    .setSkipDefaultAudienceValidation()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys()))
                    .build();
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            return e.hasExpired() ? "expired" : "invalid token";
        }
        try {
            for (String claim : List.of("email", "sub")) {
                String value = claims.getStringClaimValue(claim);
                if (value != null && value.toLowerCase(Locale.ROOT).equals(user.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
        } catch (MalformedClaimException e) {
            return "malformed claims";
        }
        return "token not issued to " + user;
    }

    private List<org.jose4j.jwk.JsonWebKey> keys() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwks).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(jwks + " answered " + response.statusCode());
            }
            return new JsonWebKeySet(response.body()).getJsonWebKeys();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("cannot read " + jwks, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
