package io.mailoo.testsupport.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The RSA key the test OAuth2 server signs with. Made here and handed to the mock as its initial key, so that this
 * JVM can sign tokens the server's JWKS vouches for (short-lived access tokens, {@link OAuth2TestServer#accessToken}).
 * The mock names an issuer's key by the issuer id, so the key id is {@link OAuth2TestServer#ISSUER_ID}.
 */
final class SigningKey {

    private final RsaJsonWebKey jwk;

    private SigningKey(RsaJsonWebKey jwk) {
        this.jwk = jwk;
    }

    static SigningKey generate() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            jwk.setKeyId(OAuth2TestServer.ISSUER_ID);
            return new SigningKey(jwk);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    String privateJwkJson() {
        return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** A JWT of these claims signed RS256 with this key. */
    String sign(Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(Json.write(claims));
        jws.setKey(jwk.getPrivateKey());
        jws.setKeyIdHeaderValue(jwk.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT this key signed (not verified: it came from our own server). */
    static Map<String, Object> claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return Json.parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code claims} with {@code iat}/{@code nbf} now and {@code exp} after {@code lifetime}. */
    static Map<String, Object> living(Map<String, Object> claims, Duration lifetime) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        long now = Instant.now().getEpochSecond();
        copy.put("iat", now);
        copy.put("nbf", Math.min(now, now + lifetime.toSeconds()));
        copy.put("exp", now + lifetime.toSeconds());
        return copy;
    }
}
