package io.mailoo.dispatch.support;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Signs JWTs with the test key pair the service under test trusts. */
public final class OperatorTokens {

    private OperatorTokens() {
    }

    public static String token(String subject, Set<String> groups) {
        return Jwt.issuer(DispatchTestResources.ISSUER).subject(subject).upn(subject + "@mailoo.test")
                .claim("email", subject + "@mailoo.test").groups(groups).expiresIn(600)
                .sign(DispatchTestResources.JWT_KEYS.getPrivate());
    }
}
